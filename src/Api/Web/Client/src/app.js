// Progressive enhancements of server-rendered pages: every page works without this module.
import { enhanceSortableTables } from './sortable-table.js';

enhanceSortableTables(document);
