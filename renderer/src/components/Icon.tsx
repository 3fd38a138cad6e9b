// Icons as inline SVG: they need no font (offline, any machine) and stay sharp at any size.
export type IconName = 'check' | 'plus' | 'swap' | 'pause' | 'repeat' | 'cross' | 'box' | 'info' | 'undo' | 'user' | 'double';

const PATHS: Record<IconName, string> = {
  check: 'M4 12.5l5 5L20 6.5',
  plus: 'M12 4v16M4 12h16',
  swap: 'M4 8h13l-4-4M20 16H7l4 4',
  pause: 'M8 5v14M16 5v14',
  repeat: 'M4 12a8 8 0 0 1 13.7-5.7L20 8.6M20 4v4.6h-4.6M20 12a8 8 0 0 1-13.7 5.7L4 15.4M4 20v-4.6h4.6',
  cross: 'M5 5l14 14M19 5L5 19',
  box: 'M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10',
  info: 'M12 8h.01M11 12h1v5h1M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
  undo: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  double: 'M3 12.5l4 4L15 7M10 15.5l1 1L21 7',
};

export function Icon({ name, size = 24, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
