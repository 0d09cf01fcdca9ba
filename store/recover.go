package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
)

// Recovered says how many rows RecoverSQLite copied into each table, and
// which tables had parts it could not read.
type Recovered struct {
	Rows    map[string]int
	Damaged []string
}

// RecoverSQLite copies every readable row of the app's and River's tables
// from the damaged SQLite file from into a new database at to, created and
// migrated as Open does. from is opened read-only: its WAL is read (rows
// acknowledged but not yet checkpointed are recovered) and left as is.
func RecoverSQLite(ctx context.Context, from, to string) (Recovered, error) {
	out := Recovered{Rows: map[string]int{}}
	if _, err := os.Stat(from); err != nil {
		return out, fmt.Errorf("reading the damaged database: %w", err)
	}
	if _, err := os.Stat(to); err == nil {
		return out, fmt.Errorf("%s exists; recover into a new file", to)
	}
	dst, err := Open(ctx, "sqlite:"+to, Options{})
	if err != nil {
		return out, err
	}
	defer dst.Close()
	conn, err := dst.db.Conn(ctx)
	if err != nil {
		return out, fmt.Errorf("recovering into %s: %w", to, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS broken`, "file:"+from+"?mode=ro"); err != nil {
		return out, fmt.Errorf("opening %s read-only: %w", from, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE broken`)
	tables, err := columnsOf(ctx, conn)
	if err != nil {
		return out, err
	}
	for _, t := range tables {
		n, whole, err := copyReadable(ctx, conn, t.name, t.cols)
		if err != nil {
			return out, err
		}
		out.Rows[t.name] = n
		if !whole {
			out.Damaged = append(out.Damaged, t.name)
		}
	}
	return out, nil
}

type table struct {
	name string
	cols string // quoted and comma-separated
}

// columnsOf lists the new database's tables and their columns, but for
// the schema's bookkeeping, which Open has just written.
func columnsOf(ctx context.Context, conn *sql.Conn) ([]table, error) {
	rows, err := conn.QueryContext(ctx, `SELECT m.name, group_concat('"' || p.name || '"', ',')
		FROM main.sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
			AND m.name NOT IN ('prcoach_schema', 'river_migration', 'prcoach_probe') GROUP BY m.name ORDER BY m.name`)
	if err != nil {
		return nil, fmt.Errorf("listing tables: %w", err)
	}
	defer rows.Close()
	var out []table
	for rows.Next() {
		var t table
		if err := rows.Scan(&t.name, &t.cols); err != nil {
			return nil, fmt.Errorf("listing tables: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// copyReadable copies table's rows from the attached damaged database in
// rowid order, one by one, stepping over pages that cannot be read (ever
// further until a read succeeds). It reports the rows copied and whether
// the whole table could be read.
func copyReadable(ctx context.Context, conn *sql.Conn, name, cols string) (copied int, whole bool, err error) {
	if _, err := conn.ExecContext(ctx, `SELECT 1 FROM broken."`+name+`" LIMIT 0`); err != nil {
		return 0, false, nil // absent from the damaged file, or its schema unreadable
	}
	insert := `INSERT OR IGNORE INTO main."` + name + `" (` + cols + `) SELECT ` + cols +
		` FROM broken."` + name + `" WHERE rowid = ?`
	last, step, whole := int64(math.MinInt64), int64(1), true
	for {
		ids, err := readableRowids(ctx, conn, name, last)
		for _, id := range ids {
			if res, ierr := conn.ExecContext(ctx, insert, id); ierr == nil {
				if n, _ := res.RowsAffected(); n > 0 {
					copied++
				}
			} else if isDamage(ierr) {
				whole = false // the row's own pages are damaged
			} else {
				return copied, false, fmt.Errorf("copying %s: %w", name, ierr)
			}
			last, step = id, 1
		}
		if err == nil {
			return copied, whole, nil
		}
		if !isDamage(err) {
			return copied, false, fmt.Errorf("reading %s: %w", name, err)
		}
		whole = false
		if len(ids) == 0 {
			if last > math.MaxInt64-step || step > 1<<40 {
				return copied, false, nil
			}
			if last == math.MinInt64 {
				last = 0
			}
			last, step = last+step, step*2
		}
	}
}

// readableRowids lists the rowids after last that can be read in order,
// and the error that stopped the scan, if any.
func readableRowids(ctx context.Context, conn *sql.Conn, name string, last int64) ([]int64, error) {
	rows, err := conn.QueryContext(ctx, `SELECT rowid FROM broken."`+name+`" WHERE rowid > ? ORDER BY rowid`, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return ids, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
