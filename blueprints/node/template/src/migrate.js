// `npm run migrate`: applies the pending migrations to the database the server uses.

import { closeDatabase, openDatabase } from './database.js';
import { migrate } from './migrations.js';

let db;
try {
  db = openDatabase();
  const applied = await migrate(db);
  for (const file of applied) console.log(`Applied ${file}`);
  console.log(applied.length === 0 ? 'The database is up to date' : `Applied ${applied.length} migration(s)`);
} catch (err) {
  console.error(`Migration failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  if (db) await closeDatabase(db);
}
