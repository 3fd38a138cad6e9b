// Modules Vite provides at build time.
declare module 'virtual:ui-fonts.css';
declare module '*.css';
