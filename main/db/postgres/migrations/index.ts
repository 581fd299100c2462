// The shipped migrations in PostgreSQL's SQL: the same ids, in the same order, as sqlite/migrations/index.ts (a test
// checks that the two lists name the same ids). Adding a migration NNNN to both engines:
//   1. write sqlite/migrations/NNNN_name.ts and register it in sqlite/migrations/index.ts;
//   2. write postgres/migrations/NNNN_name.ts with the same id and PostgreSQL DDL (identity ids, text for JSON checked
//      by ombudsdesk_json_valid(), citext for case-insensitive names, triggers as PL/pgSQL functions, integers 0/1 for
//      flags as on SQLite) and register it here at the same position;
//   3. run the migration's tests with OMBUDSDESK_TEST_ENGINE=postgres.
// Each runs in its own transaction under an advisory lock (postgres/migrate.ts). Append only, like SQLite's list.
import type { Migration } from '../../sqlite/migrations/index.ts';
import { migration as m0001 } from './0001_foundation.ts';
import { migration as m0002 } from './0002_inbox_facet_index.ts';
import { migration as m0003 } from './0003_replies_attachments.ts';
import { migration as m0004 } from './0004_improvements.ts';
import { migration as m0005 } from './0005_prize_draws.ts';
import { migration as m0006 } from './0006_status_kind_index.ts';
import { migration as m0007 } from './0007_trust.ts';
import { migration as m0008 } from './0008_search.ts';
import { migration as m0009 } from './0009_request_ids.ts';
import { migration as m0010 } from './0010_notifications.ts';
import { migration as m0011 } from './0011_jobs.ts';
import { migration as m0012 } from './0012_case_counts.ts';
import { migration as m0013 } from './0013_barometer.ts';
import { migration as m0014 } from './0014_imports.ts';
import { migration as m0015 } from './0015_case_volumes.ts';
import { migration as m0016 } from './0016_table_imports.ts';
import { migration as m0017 } from './0017_accessibility.ts';
import { migration as m0019 } from './0019_mail_server.ts';
import { migration as m0020 } from './0020_open311_scope.ts';
import { migration as m0021 } from './0021_barometer_web_import.ts';
import { migration as m0022 } from './0022_database_roles.ts';
import { migration as m0024 } from './0024_attachment_contents.ts';
import { migration as m0027 } from './0027_case_change_feed.ts';
import { migration as m0028 } from './0028_seat_logins.ts';
import { migration as m0029 } from './0029_search_department.ts';
import { migration as m0030 } from './0030_department_search_policies.ts';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0019, m0020, m0021, m0022, m0024, m0027, m0028, m0029, m0030];
