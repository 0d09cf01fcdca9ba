package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync"

	"modernc.org/sqlite"
)

// maxCachedStmts bounds one connection's statement cache. River and the
// store run a few dozen distinct queries; text built per call (IN lists,
// migrations) fills the cache, which is then emptied and starts again.
const maxCachedStmts = 128

// cachingConnector opens SQLite connections that keep every query they
// run prepared, keyed by its text. The driver prepares (parses and plans)
// each query anew on every call, and River's fetch and completion queries
// ran thousands of times a second under load: parsing them was 15 % of
// the server's CPU.
type cachingConnector struct {
	dsn    string
	driver sqlite.Driver
}

// Connect implements driver.Connector.
func (c *cachingConnector) Connect(context.Context) (driver.Conn, error) {
	inner, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	full, ok := inner.(fullConn)
	if !ok {
		inner.Close()
		return nil, errors.New("the SQLite driver's connection lacks a context method")
	}
	return &cachingConn{fullConn: full, stmts: map[string]*cachedStmt{}}, nil
}

// Driver implements driver.Connector.
func (c *cachingConnector) Driver() driver.Driver { return &c.driver }

// fullConn is what database/sql uses of the SQLite driver's connection.
type fullConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// stmtContext is what the driver's prepared statements offer.
type stmtContext interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// cachedStmt is one prepared query; busy while rows read from it are open.
type cachedStmt struct {
	stmt stmtContext
	busy bool
}

// cachingConn is a connection with its statement cache. database/sql uses
// a connection from one goroutine at a time; mu guards against a Rows
// closed from another.
type cachingConn struct {
	fullConn
	mu    sync.Mutex
	stmts map[string]*cachedStmt
}

// take returns query's cached statement, preparing it on first use, marked
// busy; nil when it is busy already (the caller runs the query uncached).
func (c *cachingConn) take(ctx context.Context, query string) (*cachedStmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cs := c.stmts[query]; cs != nil {
		if cs.busy {
			return nil, nil
		}
		cs.busy = true
		return cs, nil
	}
	s, err := c.fullConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := s.(stmtContext)
	if !ok {
		s.Close()
		return nil, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		c.evictIdle()
	}
	cs := &cachedStmt{stmt: st, busy: true}
	c.stmts[query] = cs
	return cs, nil
}

// evictIdle closes and forgets every statement not in use.
func (c *cachingConn) evictIdle() {
	for q, cs := range c.stmts {
		if !cs.busy {
			cs.stmt.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *cachingConn) release(cs *cachedStmt) {
	c.mu.Lock()
	cs.busy = false
	c.mu.Unlock()
}

// ExecContext implements driver.ExecerContext.
func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.fullConn.ExecContext(ctx, query, args)
	}
	defer c.release(cs)
	return cs.stmt.ExecContext(ctx, args)
}

// QueryContext implements driver.QueryerContext.
func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.fullConn.QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.QueryContext(ctx, args)
	if err != nil {
		c.release(cs)
		return nil, err
	}
	typed, ok := rows.(typedRows)
	if !ok {
		rows.Close()
		c.release(cs)
		return c.fullConn.QueryContext(ctx, query, args)
	}
	return &cachedRows{typedRows: typed, release: func() { c.release(cs) }}, nil
}

// Close implements driver.Conn: it closes every cached statement first.
func (c *cachingConn) Close() error {
	c.mu.Lock()
	for q, cs := range c.stmts {
		cs.stmt.Close()
		delete(c.stmts, q)
	}
	c.mu.Unlock()
	return c.fullConn.Close()
}

// typedRows is what the driver's rows offer database/sql.
type typedRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// cachedRows hands its statement back to the cache when closed; the
// driver resets the statement then.
type cachedRows struct {
	typedRows
	once    sync.Once
	release func()
}

// Close implements driver.Rows.
func (r *cachedRows) Close() error {
	err := r.typedRows.Close()
	r.once.Do(r.release)
	return err
}
