// Imported before anything that builds a zod schema (the contract): the page runs under a CSP without
// 'unsafe-eval', so zod must not probe for `Function` when it builds its parsers. It would fall back by
// itself, but only after the browser has reported a CSP violation for every page load.
import { z } from 'zod';

z.config({ jitless: true });
