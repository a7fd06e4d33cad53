-- Spending sums read the intervals that overlap a month: those that started in it (usage_user_started)
-- and those still open or ended after its start (this index). Kept out of db/schema/machines.ts so
-- that the machines file stays its owner's; IF NOT EXISTS lets it move there later without a clash.
CREATE INDEX IF NOT EXISTS "usage_user_ended" ON "usage_intervals" USING btree ("user_id","ended_at");
