// Extension pages and service workers forbid eval under the default CSP; zod 4 otherwise
// probes `new Function` for its JIT. Imported first by every entrypoint.
import { z } from 'zod';
z.config({ jitless: true });
