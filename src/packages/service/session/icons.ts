/** Icons only this page uses, beside it to keep the main package small (shared ones: src/ui/icons.ts). */
export const share = "<path d='M14 4h6v6M20 4l-9 9M18 14v6H4V6h6'/>"
