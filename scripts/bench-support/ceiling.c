/* The reference ceiling of scripts/bench: the same turn rows relayburn stores, inserted by C with one prepared
   statement in one transaction (WAL, synchronous=NORMAL, the same 64 MiB cache relayburn sets), into a
   database migrated by relayburn. Input: one row per line, fields separated by tabs in the column order below.
   Usage: ceiling DB ROWS.tsv */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLUMNS 19

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s DB ROWS.tsv\n", argv[0]);
        return 2;
    }
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
        fprintf(stderr, "open: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;", 0, 0, 0);
    const char *sql =
        "INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, project, "
        "project_key, input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_create_5m_tokens, "
        "cache_create_1h_tokens, stop_reason, subagent_id, record_json) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19) ON CONFLICT (id) DO NOTHING";
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, 0) != SQLITE_OK) {
        fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    FILE *input = fopen(argv[2], "r");
    if (!input) {
        perror(argv[2]);
        return 1;
    }
    char *line = 0;
    size_t capacity = 0;
    ssize_t length;
    long rows = 0;
    sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
    while ((length = getline(&line, &capacity, input)) > 0) {
        if (line[length - 1] == '\n') line[--length] = 0;
        char *field = line;
        for (int column = 1; column <= COLUMNS; column++) {
            char *tab = strchr(field, '\t');
            if (tab) *tab = 0;
            if (strcmp(field, "\\N") == 0) {
                sqlite3_bind_null(statement, column);
            } else if (column == 6 || (column >= 11 && column <= 16)) {
                sqlite3_bind_int64(statement, column, atoll(field));
            } else {
                sqlite3_bind_text(statement, column, field, -1, SQLITE_TRANSIENT);
            }
            field = tab ? tab + 1 : field + strlen(field);
        }
        if (sqlite3_step(statement) != SQLITE_DONE) {
            fprintf(stderr, "step: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(statement);
        rows++;
    }
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    free(line);
    fclose(input);
    printf("%ld\n", rows);
    return 0;
}
