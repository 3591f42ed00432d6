// The caches an editor session keeps between checks of one document, fresh for a test.
import { CheckCache } from '../../server/src/check';
import { ReadCache } from '../../server/src/document';
import { ParseCache } from '../../server/src/math/cache';
import { ModelCache } from '../../server/src/model/resume';

export function incrementalCaches() {
  return {
    cache: new CheckCache(),
    readCache: new ReadCache(),
    parseCache: new ParseCache(),
    modelCache: new ModelCache(),
  };
}
