CREATE TABLE "usage_day_costs" (
	"user_id" text NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"provider" text NOT NULL,
	"cost_micros" bigint NOT NULL,
	CONSTRAINT "usage_day_costs_user_id_day_provider_pk" PRIMARY KEY("user_id","day","provider")
);
--> statement-breakpoint
-- A closed interval's cost on each UTC day it touches (usage_cost_between from 0007). A UTC day is
-- always 86,400,000 ms, so days are stepped in epoch milliseconds.
CREATE FUNCTION usage_day_pieces(started_at timestamptz, ended_at timestamptz, r bigint, granularity text)
RETURNS TABLE (day timestamptz, cost bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT to_timestamp(d * 86400), usage_cost_between(s, e, r, g, d * 86400000, (d + 1) * 86400000)
  FROM (SELECT (date_part('epoch', started_at) * 1000)::bigint AS s, (date_part('epoch', ended_at) * 1000)::bigint AS e,
          CASE granularity WHEN 'minute' THEN 60000::bigint WHEN 'hour' THEN 3600000::bigint ELSE 1000::bigint END AS g) x
  CROSS JOIN LATERAL generate_series(s / 86400000, (greatest(e, s + 1) - 1) / 86400000) AS d
$$;
--> statement-breakpoint
-- The same statement triggers as usage_month_costs_apply, for the daily rollup.
CREATE FUNCTION usage_day_costs_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO usage_day_costs AS u (user_id, day, provider, cost_micros)
    SELECT n.user_id, p.day, n.provider, sum(p.cost)::bigint
    FROM new_rows n CROSS JOIN LATERAL usage_day_pieces(n.started_at, n.ended_at, n.rate_per_hour_micros, n.granularity) p
    WHERE n.ended_at IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(p.cost) <> 0
    ON CONFLICT (user_id, day, provider) DO UPDATE SET cost_micros = u.cost_micros + excluded.cost_micros;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO usage_day_costs AS u (user_id, day, provider, cost_micros)
    SELECT x.user_id, p.day, x.provider, sum(x.sign * p.cost)::bigint
    FROM (SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows) x
      CROSS JOIN LATERAL usage_day_pieces(x.started_at, x.ended_at, x.rate_per_hour_micros, x.granularity) p
    WHERE x.ended_at IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(x.sign * p.cost) <> 0
    ON CONFLICT (user_id, day, provider) DO UPDATE SET cost_micros = u.cost_micros + excluded.cost_micros;
    DELETE FROM usage_day_costs u USING (SELECT DISTINCT user_id FROM old_rows) o
    WHERE u.user_id = o.user_id AND u.cost_micros = 0;
  ELSE
    INSERT INTO usage_day_costs AS u (user_id, day, provider, cost_micros)
    SELECT o.user_id, p.day, o.provider, -sum(p.cost)::bigint
    FROM old_rows o CROSS JOIN LATERAL usage_day_pieces(o.started_at, o.ended_at, o.rate_per_hour_micros, o.granularity) p
    WHERE o.ended_at IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(p.cost) <> 0
    ON CONFLICT (user_id, day, provider) DO UPDATE SET cost_micros = u.cost_micros + excluded.cost_micros;
    DELETE FROM usage_day_costs u USING (SELECT DISTINCT user_id FROM old_rows) o
    WHERE u.user_id = o.user_id AND u.cost_micros = 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER usage_day_costs_insert AFTER INSERT ON usage_intervals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_day_costs_apply();
--> statement-breakpoint
CREATE TRIGGER usage_day_costs_update AFTER UPDATE ON usage_intervals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_day_costs_apply();
--> statement-breakpoint
CREATE TRIGGER usage_day_costs_delete AFTER DELETE ON usage_intervals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_day_costs_apply();
--> statement-breakpoint
CREATE FUNCTION usage_day_costs_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM usage_day_costs;
  INSERT INTO usage_day_costs (user_id, day, provider, cost_micros)
  SELECT i.user_id, p.day, i.provider, sum(p.cost)::bigint
  FROM usage_intervals i CROSS JOIN LATERAL usage_day_pieces(i.started_at, i.ended_at, i.rate_per_hour_micros, i.granularity) p
  WHERE i.ended_at IS NOT NULL
  GROUP BY 1, 2, 3
  HAVING sum(p.cost) <> 0;
$$;
--> statement-breakpoint
SELECT usage_day_costs_rebuild();
