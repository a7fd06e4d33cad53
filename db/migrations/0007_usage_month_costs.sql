CREATE TABLE "usage_month_costs" (
	"user_id" text NOT NULL,
	"month_start" timestamp with time zone NOT NULL,
	"machine_id" text NOT NULL,
	"provider" text NOT NULL,
	"cost_micros" bigint NOT NULL,
	CONSTRAINT "usage_month_costs_user_id_month_start_machine_id_provider_pk" PRIMARY KEY("user_id","month_start","machine_id","provider")
);
--> statement-breakpoint
-- The cost arithmetic of db/queries/spending.ts (costedIntervals, attributed, inRange), in SQL
-- functions the triggers below can call. Both must give the same micro-dollars: the spending tests
-- compare the rollup with the sum over the raw intervals.
-- ceil(r × ms / 1 h) in bigint without overflow (r × whole hours, plus the rounded-up rest).
CREATE FUNCTION usage_hour_ceil(r bigint, ms bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT r * (ms / 3600000) + (r * (ms % 3600000) + 3599999) / 3600000 $$;
--> statement-breakpoint
-- The cost of one interval [s, e) (epoch ms, rate r per hour, granule g ms) that falls in [lo, hi).
CREATE FUNCTION usage_cost_between(s bigint, e bigint, r bigint, g bigint, lo bigint, hi bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN s >= lo AND e <= hi THEN f
    ELSE (CASE WHEN hi >= e THEN f WHEN hi <= s THEN 0 ELSE usage_hour_ceil(r, hi - s) END)
       - (CASE WHEN lo >= e THEN f WHEN lo <= s THEN 0 ELSE usage_hour_ceil(r, lo - s) END)
  END
  FROM (SELECT CASE WHEN e > s THEN usage_hour_ceil(r, ((e - s + g - 1) / g) * g) ELSE 0 END AS f) x
$$;
--> statement-breakpoint
-- A closed interval's cost in each UTC month it touches. Months are stepped in UTC wall time
-- (timestamp without time zone), so the session's time zone cannot move a boundary.
CREATE FUNCTION usage_month_pieces(started_at timestamptz, ended_at timestamptz, r bigint, granularity text)
RETURNS TABLE (month_start timestamptz, cost bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT m AT TIME ZONE 'UTC',
    usage_cost_between(
      (date_part('epoch', started_at) * 1000)::bigint,
      (date_part('epoch', ended_at) * 1000)::bigint,
      r,
      CASE granularity WHEN 'minute' THEN 60000::bigint WHEN 'hour' THEN 3600000::bigint ELSE 1000::bigint END,
      (date_part('epoch', m AT TIME ZONE 'UTC') * 1000)::bigint,
      (date_part('epoch', (m + interval '1 month') AT TIME ZONE 'UTC') * 1000)::bigint)
  FROM generate_series(date_trunc('month', started_at AT TIME ZONE 'UTC'), date_trunc('month', ended_at AT TIME ZONE 'UTC'), interval '1 month') AS m
$$;
--> statement-breakpoint
-- Statement triggers with transition tables: one aggregated upsert per statement, so a bulk insert
-- of a million intervals costs one pass, not a million upserts. Additive upserts stay right when
-- two transactions close intervals of the same machine and month at once.
CREATE FUNCTION usage_month_costs_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO usage_month_costs AS u (user_id, month_start, machine_id, provider, cost_micros)
    SELECT n.user_id, p.month_start, n.machine_id, n.provider, sum(p.cost)::bigint
    FROM new_rows n CROSS JOIN LATERAL usage_month_pieces(n.started_at, n.ended_at, n.rate_per_hour_micros, n.granularity) p
    WHERE n.ended_at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(p.cost) <> 0
    ON CONFLICT (user_id, month_start, machine_id, provider) DO UPDATE SET cost_micros = u.cost_micros + excluded.cost_micros;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO usage_month_costs AS u (user_id, month_start, machine_id, provider, cost_micros)
    SELECT x.user_id, p.month_start, x.machine_id, x.provider, sum(x.sign * p.cost)::bigint
    FROM (SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows) x
      CROSS JOIN LATERAL usage_month_pieces(x.started_at, x.ended_at, x.rate_per_hour_micros, x.granularity) p
    WHERE x.ended_at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(x.sign * p.cost) <> 0
    ON CONFLICT (user_id, month_start, machine_id, provider) DO UPDATE SET cost_micros = u.cost_micros + excluded.cost_micros;
    DELETE FROM usage_month_costs u USING (SELECT DISTINCT user_id, machine_id FROM old_rows) o
    WHERE u.user_id = o.user_id AND u.machine_id = o.machine_id AND u.cost_micros = 0;
  ELSE
    INSERT INTO usage_month_costs AS u (user_id, month_start, machine_id, provider, cost_micros)
    SELECT o.user_id, p.month_start, o.machine_id, o.provider, -sum(p.cost)::bigint
    FROM old_rows o CROSS JOIN LATERAL usage_month_pieces(o.started_at, o.ended_at, o.rate_per_hour_micros, o.granularity) p
    WHERE o.ended_at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(p.cost) <> 0
    ON CONFLICT (user_id, month_start, machine_id, provider) DO UPDATE SET cost_micros = u.cost_micros + excluded.cost_micros;
    DELETE FROM usage_month_costs u USING (SELECT DISTINCT user_id, machine_id FROM old_rows) o
    WHERE u.user_id = o.user_id AND u.machine_id = o.machine_id AND u.cost_micros = 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER usage_month_costs_insert AFTER INSERT ON usage_intervals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_month_costs_apply();
--> statement-breakpoint
CREATE TRIGGER usage_month_costs_update AFTER UPDATE ON usage_intervals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_month_costs_apply();
--> statement-breakpoint
CREATE TRIGGER usage_month_costs_delete AFTER DELETE ON usage_intervals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_month_costs_apply();
--> statement-breakpoint
-- Rebuilds the rollup from the intervals: fills it for ledgers written before this migration (and
-- lets a test check that the triggers kept it equal to a fresh build).
CREATE FUNCTION usage_month_costs_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM usage_month_costs;
  INSERT INTO usage_month_costs (user_id, month_start, machine_id, provider, cost_micros)
  SELECT i.user_id, p.month_start, i.machine_id, i.provider, sum(p.cost)::bigint
  FROM usage_intervals i CROSS JOIN LATERAL usage_month_pieces(i.started_at, i.ended_at, i.rate_per_hour_micros, i.granularity) p
  WHERE i.ended_at IS NOT NULL
  GROUP BY 1, 2, 3, 4
  HAVING sum(p.cost) <> 0;
$$;
--> statement-breakpoint
SELECT usage_month_costs_rebuild();
