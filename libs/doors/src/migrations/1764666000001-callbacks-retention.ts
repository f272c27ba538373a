import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention reaches the callbacks too: when a referral is anonymised (referrals.anonymised_at set
 * by the retention job), the free text on its bookings (the sender's reason for cancelling) is
 * removed in the same statement, like the handoffs' reasons. Ids, slots and states stay: they
 * carry no personal data and keep the counters and reports right.
 */
export class CallbacksRetention1764666000001 implements MigrationInterface {
  name = 'CallbacksRetention1764666000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION callback_bookings_anonymise() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
           UPDATE callback_bookings SET release_reason = NULL WHERE referral_id = NEW.id AND release_reason IS NOT NULL;
           RETURN NULL;
         END $$`);
    await q.query(`
      CREATE TRIGGER referrals_anonymise_callbacks AFTER UPDATE OF anonymised_at ON referrals
      FOR EACH ROW WHEN (NEW.anonymised_at IS NOT NULL AND OLD.anonymised_at IS NULL)
      EXECUTE FUNCTION callback_bookings_anonymise()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referrals_anonymise_callbacks ON referrals`);
    await q.query(`DROP FUNCTION callback_bookings_anonymise()`);
  }
}
