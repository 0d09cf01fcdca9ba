package app

import (
	"net"
	"sync"
	"time"
)

// DefaultMaxConns caps the connections served at once. GitHub opens a few;
// the rest wait in the kernel's accept queue instead of costing a
// descriptor and a goroutine each.
const DefaultMaxConns = 512

// idleTimeout closes keep-alive connections left idle this long.
const idleTimeout = 15 * time.Second

// limitListener accepts a new connection only while fewer than its cap are
// open.
type limitListener struct {
	net.Listener
	slots chan struct{}
}

func newLimitListener(ln net.Listener, n int) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n)}
}

// Accept waits for a free slot, then for a connection.
func (l *limitListener) Accept() (net.Conn, error) {
	l.slots <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

// limitConn frees its slot when closed, once.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

// Close implements net.Conn.
func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
