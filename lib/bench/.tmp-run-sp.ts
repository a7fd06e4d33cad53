import { benchSpending } from "@/lib/bench/spending";
benchSpending().then((r) => { console.table(r); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
