package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/prcoach/prcoach/store"
)

// runRecover copies every readable row of a damaged SQLite database (its
// WAL included) into a new one: prcoach recover DAMAGED NEW.
func runRecover(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 2 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: prcoach recover DAMAGED.db NEW.db (stop PR Coach first; DAMAGED.db's -wal file must sit beside it)")
	}
	got, err := store.RecoverSQLite(ctx, args[0], args[1])
	if err != nil {
		return fmt.Errorf("recover: %w", err)
	}
	tables := make([]string, 0, len(got.Rows))
	for t := range got.Rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "%-24s %d rows\n", t, got.Rows[t])
	}
	if len(got.Damaged) > 0 {
		fmt.Fprintf(stdout, "Some rows of %s could not be read and are lost.\n",
			strings.Join(got.Damaged, ", "))
	}
	fmt.Fprintf(stdout, "Recovered into %s; point PRCOACH_DATABASE_URL at sqlite:%s and start PR Coach.\n", args[1], args[1])
	return nil
}
