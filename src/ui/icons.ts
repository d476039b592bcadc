/**
 * The icons the tab pages and shared pieces use, as SVG shapes on a 24 × 24 grid drawn with a 2-unit round line
 * (Icon.tsx wraps them). Icons only subpackage pages need live in those subpackages, to keep the main package small.
 */
export const building = "<rect x='5' y='3' width='10' height='18' rx='1'/><path d='M15 9h4v12h-4M8 7h1M11 7h1M8 11h1M11 11h1M8 15h1M11 15h1M3 21h18'/>"
export const scissors = "<circle cx='6' cy='6' r='3'/><circle cx='6' cy='18' r='3'/><path d='M20 4L8.1 15.9M14.5 14.5L20 20M8.1 8.1L12 12'/>"
export const heart = "<path d='M12 20s-7-4.4-9-9a4.5 4.5 0 0 1 9-3 4.5 4.5 0 0 1 9 3c-2 4.6-9 9-9 9z'/>"
export const hourglass = "<path d='M6 3h12M6 21h12M8 3v3l4 6-4 6v3M16 3v3l-4 6 4 6v3'/>"
export const lock = "<rect x='5' y='11' width='14' height='10' rx='2'/><path d='M8 11V7a4 4 0 0 1 8 0v4'/>"
export const shield = "<path d='M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z'/>"
export const alert = "<path d='M12 3L2 20h20z'/><path d='M12 10v4M12 17v.5'/>"
export const info = "<circle cx='12' cy='12' r='9'/><path d='M12 11v6M12 7.5v.5'/>"
export const clock = "<circle cx='12' cy='12' r='9'/><path d='M12 7v5l3 2'/>"
export const list = "<rect x='5' y='4' width='14' height='17' rx='2'/><path d='M9 3h6v3H9zM8 11h8M8 15h6'/>"
export const pulse = "<path d='M3 12h4l2-5 3 10 2-5h7'/>"
export const bell = "<path d='M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 21h4'/>"
export const knife = "<path d='M3 21L15 9l3 3-8 8zM15 9l4-5 2 2-3 6'/>"
export const thread = "<rect x='6' y='3' width='12' height='18' rx='1'/><path d='M6 8h12M6 16h12M9 10l6 4M9 14l6-4'/>"
export const comb = "<path d='M4 7h16v4H4zM6 11v7M9 11v7M12 11v7M15 11v7M18 11v7'/>"
export const wrench = "<path d='M15 3a5 5 0 0 0-4.5 7L3 17.5 6.5 21l7.5-7.5A5 5 0 0 0 21 9l-3 1-3-3 1-3z'/>"
export const star = "<path d='M12 3l2.7 5.6 6.3.9-4.5 4.4 1 6.1-5.5-2.9-5.5 2.9 1-6.1L3 9.5l6.3-.9z'/>"
export const check = "<path d='M4 12l5 5L20 6'/>"
