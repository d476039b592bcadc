/** Icons only the volunteer pages use, beside them to keep the main package small (shared ones: src/ui/icons.ts). */
export const speech = "<path d='M4 5h16v11H10l-5 4v-4H4z'/><path d='M8 9h8M8 12h5'/>"
export const download = "<path d='M12 3v12M7 10l5 5 5-5M4 17v3h16v-3'/>"
export const share = "<path d='M14 4h6v6M20 4l-9 9M18 14v6H4V6h6'/>"
