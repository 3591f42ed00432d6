// Writes docs/codes.md from the table in server/src/codes.ts (npm run docs:codes).
import { writeFileSync } from 'node:fs';
import { codesMarkdown } from '../server/src/codes';

writeFileSync(new URL('../docs/codes.md', import.meta.url), codesMarkdown());
