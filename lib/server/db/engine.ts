/** The two engines the console's own database runs on: SQLite (embedded default) or PostgreSQL (DATABASE_URL). */
export type Engine = "sqlite" | "postgres";
