import { benchHibernate } from "@/lib/bench/hibernate";
benchHibernate().then((r) => { console.table(r); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
