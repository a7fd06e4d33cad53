import { timestamp } from "drizzle-orm/pg-core";

/** Every moment in the schema is stored with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/** When the row was written. */
export const createdAt = () => at("created_at").notNull().defaultNow();
