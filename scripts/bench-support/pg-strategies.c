/* The three ways issue 4 names to append a batch of turn rows to PostgreSQL idempotently, measured on the same
 * rows, batch size and connection, without relayburn's own parsing in the way:
 *   unnest    one INSERT ... SELECT FROM unnest(array parameters) ... ON CONFLICT DO NOTHING per batch
 *   copy      COPY into a temporary table, then INSERT ... SELECT ... ON CONFLICT DO NOTHING, per batch
 *   pipeline  one prepared single-row INSERT ... ON CONFLICT DO NOTHING per row, a batch per pipeline sync
 * Each batch is its own transaction, as in relayburn. Usage: pg-strategies CONNINFO ROWS.tsv STRATEGY BATCH
 * Prints the seconds spent appending. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COLUMNS 19
static const char *names = "id, fingerprint, source, session_id, message_id, turn_index, ts, model, project, "
                           "project_key, input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, "
                           "cache_create_5m_tokens, cache_create_1h_tokens, stop_reason, subagent_id, record_json";
static const int integer_column[COLUMNS] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0};

typedef struct { char *line; char *fields[COLUMNS]; } Row;

static void check(PGconn *db, PGresult *result, const char *what) {
    ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN &&
        status != PGRES_PIPELINE_SYNC) {
        fprintf(stderr, "%s: %s", what, PQerrorMessage(db));
        exit(1);
    }
}

static void exec(PGconn *db, const char *sql) {
    PGresult *result = PQexec(db, sql);
    check(db, result, sql);
    PQclear(result);
}

/* Appends one array-literal element, quoted, or NULL for COPY's \N. */
static void append_element(char **out, size_t *length, size_t *capacity, const char *value) {
    size_t needed = *length + 2 * strlen(value) + 8; /* room for escapes, quotes and the closing brace */
    if (needed > *capacity) {
        *capacity = needed * 2;
        *out = realloc(*out, *capacity);
    }
    char *cursor = *out + *length;
    if (strcmp(value, "\\N") == 0) {
        memcpy(cursor, "NULL", 4);
        cursor += 4;
    } else {
        *cursor++ = '"';
        for (const char *c = value; *c; c++) {
            if (*c == '"' || *c == '\\') *cursor++ = '\\';
            *cursor++ = *c;
        }
        *cursor++ = '"';
    }
    *length = cursor - *out;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: pg-strategies CONNINFO ROWS.tsv unnest|copy|pipeline BATCH\n");
        return 2;
    }
    const char *strategy = argv[3];
    int batch = atoi(argv[4]);
    FILE *file = fopen(argv[2], "r");
    if (!file) { perror(argv[2]); return 1; }
    Row *rows = NULL;
    size_t count = 0, capacity = 0;
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t read;
    while ((read = getline(&line, &line_capacity, file)) > 0) {
        if (count == capacity) rows = realloc(rows, (capacity = capacity ? capacity * 2 : 1024) * sizeof(Row));
        Row *row = &rows[count++];
        row->line = strdup(line);
        char *copy = strdup(line);
        if (copy[read - 1] == '\n') copy[read - 1] = 0;
        char *cursor = copy;
        for (int column = 0; column < COLUMNS; column++) {
            row->fields[column] = cursor;
            char *tab = strchr(cursor, '\t');
            if (tab) { *tab = 0; cursor = tab + 1; }
        }
    }
    PGconn *db = PQconnectdb(argv[1]);
    if (PQstatus(db) != CONNECTION_OK) { fprintf(stderr, "%s", PQerrorMessage(db)); return 1; }

    char sql[4096];
    if (strcmp(strategy, "unnest") == 0) {
        char casts[2048] = "";
        for (int column = 0; column < COLUMNS; column++) {
            char piece[64];
            snprintf(piece, sizeof piece, "%s$%d::%s", column ? ", " : "", column + 1,
                     integer_column[column] ? "BIGINT[]" : "TEXT[]");
            strcat(casts, piece);
        }
        snprintf(sql, sizeof sql, "INSERT INTO turns (%s) SELECT * FROM unnest(%s) ON CONFLICT (id) DO NOTHING",
                 names, casts);
        check(db, PQprepare(db, "batch", sql, COLUMNS, NULL), "prepare");
    } else if (strcmp(strategy, "copy") == 0) {
        snprintf(sql, sizeof sql,
                 "CREATE TEMP TABLE incoming ON COMMIT DELETE ROWS AS SELECT %s FROM turns WITH NO DATA", names);
        exec(db, sql);
        snprintf(sql, sizeof sql, "INSERT INTO turns (%s) SELECT %s FROM incoming ON CONFLICT (id) DO NOTHING",
                 names, names);
        check(db, PQprepare(db, "merge", sql, 0, NULL), "prepare");
    } else if (strcmp(strategy, "pipeline") == 0) {
        char placeholders[512] = "";
        for (int column = 0; column < COLUMNS; column++) {
            char piece[16];
            snprintf(piece, sizeof piece, "%s$%d", column ? ", " : "", column + 1);
            strcat(placeholders, piece);
        }
        snprintf(sql, sizeof sql, "INSERT INTO turns (%s) VALUES (%s) ON CONFLICT (id) DO NOTHING", names,
                 placeholders);
        check(db, PQprepare(db, "row", sql, COLUMNS, NULL), "prepare");
    } else {
        fprintf(stderr, "unknown strategy %s\n", strategy);
        return 2;
    }

    double started = now();
    char *arrays[COLUMNS] = {0};
    size_t lengths[COLUMNS], capacities[COLUMNS] = {0};
    for (size_t first = 0; first < count; first += batch) {
        size_t last = first + batch < count ? first + batch : count;
        if (strcmp(strategy, "unnest") == 0) {
            for (int column = 0; column < COLUMNS; column++) {
                if (capacities[column] == 0) arrays[column] = malloc(capacities[column] = 1 << 16);
                lengths[column] = 0;
                arrays[column][lengths[column]++] = '{';
                for (size_t index = first; index < last; index++) {
                    if (index > first) arrays[column][lengths[column]++] = ',';
                    append_element(&arrays[column], &lengths[column], &capacities[column], rows[index].fields[column]);
                }
                arrays[column][lengths[column]++] = '}';
                arrays[column][lengths[column]] = 0;
            }
            exec(db, "BEGIN");
            PGresult *result = PQexecPrepared(db, "batch", COLUMNS, (const char *const *)arrays, NULL, NULL, 0);
            check(db, result, "unnest insert");
            PQclear(result);
            exec(db, "COMMIT");
        } else if (strcmp(strategy, "copy") == 0) {
            exec(db, "BEGIN");
            snprintf(sql, sizeof sql, "COPY incoming (%s) FROM STDIN", names);
            PGresult *result = PQexec(db, sql);
            check(db, result, "copy");
            PQclear(result);
            for (size_t index = first; index < last; index++) {
                if (PQputCopyData(db, rows[index].line, strlen(rows[index].line)) != 1) {
                    fprintf(stderr, "copy data: %s", PQerrorMessage(db));
                    return 1;
                }
            }
            PQputCopyEnd(db, NULL);
            while ((result = PQgetResult(db))) { check(db, result, "copy end"); PQclear(result); }
            result = PQexecPrepared(db, "merge", 0, NULL, NULL, NULL, 0);
            check(db, result, "merge");
            PQclear(result);
            exec(db, "COMMIT");
        } else {
            PQenterPipelineMode(db);
            PQsendQueryParams(db, "BEGIN", 0, NULL, NULL, NULL, NULL, 0);
            for (size_t index = first; index < last; index++) {
                const char *params[COLUMNS];
                for (int column = 0; column < COLUMNS; column++) {
                    const char *field = rows[index].fields[column];
                    params[column] = strcmp(field, "\\N") == 0 ? NULL : field;
                }
                PQsendQueryPrepared(db, "row", COLUMNS, params, NULL, NULL, 0);
            }
            PQsendQueryParams(db, "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
            PQpipelineSync(db);
            for (;;) {
                PGresult *result = PQgetResult(db);
                if (!result) continue;
                ExecStatusType status = PQresultStatus(result);
                check(db, result, "pipeline");
                PQclear(result);
                if (status == PGRES_PIPELINE_SYNC) break;
            }
            PQexitPipelineMode(db);
        }
    }
    printf("%.6f\n", now() - started);
    PQfinish(db);
    return 0;
}
