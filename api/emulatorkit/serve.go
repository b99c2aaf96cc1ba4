// Package emulatorkit is the server plumbing both emulators share: where
// they may listen, serving and closing, the request log, the call counter,
// the latency and fault wait, and the churn ticker. What a request means
// and what a fault looks like on the wire stay with each emulator.
package emulatorkit

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// MinChurn is the shortest churn interval accepted. Each tick changes the
// world under its lock; 10ms is already 100 changes a second, 200 times what
// watch mode (refresh 2s at the least) can show, and costs well under 1% of
// a core. Below it the ticker only competes with the requests for the lock
// (1ns burned 170% CPU).
const MinChurn = 10 * time.Millisecond

// CheckChurn refuses a churn interval that is negative or too short.
func CheckChurn(d time.Duration) error {
	if d < 0 || (d > 0 && d < MinChurn) {
		return fmt.Errorf("churn %s is too short: the minimum is %s (faster only burns CPU)", d, MinChurn)
	}
	return nil
}

// CheckLoopback refuses a listen address that is not loopback: an emulator
// accepts a published demo key, so on another interface anyone who reaches
// it can use it. "localhost", 127.0.0.0/8 and ::1 are loopback; ":8080" and
// 0.0.0.0 are every interface.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port: %v", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%q is not a loopback address: other machines could reach the emulator and the key it accepts", addr)
}

// Listener is an emulator serving on an address.
type Listener struct {
	URL  string // http://127.0.0.1:PORT
	Addr string
	srv  *http.Server
	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

// Serve serves h on addr ("127.0.0.1:0" picks a free port) and, when churn
// is set, calls tick that often until Close.
func Serve(addr string, h http.Handler, churn time.Duration, tick func()) (*Listener, error) {
	if err := CheckChurn(churn); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	a := ln.Addr().String()
	l := &Listener{URL: "http://" + a, Addr: a, stop: make(chan struct{}),
		srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}}
	go l.srv.Serve(ln)
	if churn > 0 && tick != nil {
		l.wg.Add(1)
		go l.churn(churn, tick)
	}
	return l, nil
}

func (l *Listener) churn(every time.Duration, tick func()) {
	defer l.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			tick()
		}
	}
}

// Close stops serving, ending hung requests, and stops the churn (waiting
// for a tick under way, so the world is still once Close returns).
func (l *Listener) Close() error {
	l.once.Do(func() { close(l.stop) })
	err := l.srv.Close()
	l.wg.Wait()
	return err
}

// Served is the listener itself: each emulator's Running embeds it, so a
// runner can take either.
func (l *Listener) Served() *Listener { return l }

// OrNow is the data clock now, or the wall clock when none is set.
func OrNow(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}
