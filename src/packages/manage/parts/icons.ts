/** Icons only the management pages use, beside them to keep the main package small (shared ones: src/ui/icons.ts). */
export const people = "<circle cx='9' cy='8' r='3.5'/><path d='M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6 6 0 0 1 3.5 6'/>"
export const download = "<path d='M12 3v12M7 10l5 5 5-5M4 17v3h16v-3'/>"
export const upload = "<path d='M12 15V3M7 8l5-5 5 5M4 17v3h16v-3'/>"
export const share = "<path d='M14 4h6v6M20 4l-9 9M18 14v6H4V6h6'/>"
