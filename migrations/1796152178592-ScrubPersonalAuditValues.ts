import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The fields `AuditLog` treats as personal everywhere (PERSONAL_FIELD), and `name` on candidates and users. */
const PERSONAL_KEY = `(key ~* '^(email|phone|source|notes?|summary|reason)$' OR (entity_type IN ('candidate', 'user') AND key = 'name'))`;

/**
 * Audit events no longer keep personal values (issue 17): only that a field changed. This scrubs the rows written
 * before: reasons nested in `conflict` and `amendment` become a `reason` field of their own, amendments' ratings
 * lose their notes (a `notes` field says there were some), and every personal field's values become `[personal]`
 * (null stays null). Not reversible: the values are gone.
 */
export class ScrubPersonalAuditValues1796152178592 implements MigrationInterface {
  name = 'ScrubPersonalAuditValues1796152178592';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const holder of ['conflict', 'amendment']) {
      await queryRunner.query(
        `UPDATE audit_events
            SET changes = (changes #- '{${holder},after,reason}') || jsonb_build_object('reason', jsonb_build_object('before', NULL, 'after', changes #> '{${holder},after,reason}'))
          WHERE jsonb_typeof(changes #> '{${holder},after}') = 'object' AND (changes #> '{${holder},after}') ? 'reason'`,
      );
    }
    await queryRunner.query(
      `UPDATE audit_events
          SET changes = jsonb_set(changes, '{ratings,after}',
                (SELECT coalesce(jsonb_agg(rating - 'notes' ORDER BY ordinal), '[]'::jsonb)
                   FROM jsonb_array_elements(changes #> '{ratings,after}') WITH ORDINALITY AS t(rating, ordinal)))
             || CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(changes #> '{ratings,after}') AS r(rating) WHERE coalesce(rating ->> 'notes', '') <> '')
                     THEN jsonb_build_object('notes', jsonb_build_object('before', NULL, 'after', '[personal]'))
                     ELSE '{}'::jsonb END
        WHERE jsonb_typeof(changes #> '{ratings,after}') = 'array'`,
    );
    await queryRunner.query(
      `UPDATE audit_events AS e
          SET changes = (
            SELECT jsonb_object_agg(key, CASE WHEN ${PERSONAL_KEY} AND jsonb_typeof(value) = 'object' THEN jsonb_build_object(
                     'before', CASE WHEN coalesce(value -> 'before', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE '"[personal]"'::jsonb END,
                     'after', CASE WHEN coalesce(value -> 'after', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE '"[personal]"'::jsonb END)
                   ELSE value END)
              FROM jsonb_each(e.changes))
        WHERE jsonb_typeof(e.changes) = 'object' AND EXISTS (SELECT 1 FROM jsonb_object_keys(e.changes) AS k(key) WHERE ${PERSONAL_KEY})`,
    );
  }

  async down(): Promise<void> {
    // The scrubbed values are gone; nothing to restore.
  }
}
