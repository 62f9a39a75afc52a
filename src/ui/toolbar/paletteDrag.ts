/** The drag-and-drop type a palette item carries (its value is the node kind). */
export const PALETTE_MIME = 'application/x-archsim-kind';
