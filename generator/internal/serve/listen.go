package serve

import (
	"fmt"
	"net"
	"strconv"
)

// Listen listens on addr (host:port). When the port is taken (often by
// another preview left open), it takes the next free one, as Hugo does;
// the listener's address tells which. It tries up to 100 ports, and
// returns the first port's error when none is free.
func Listen(addr string) (net.Listener, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return nil, fmt.Errorf("%q is not a port number", p)
	}
	var first error
	for i := 0; i < 100 && port+i <= 65535; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if first == nil {
			first = err
		}
		if port == 0 {
			break
		}
	}
	return nil, first
}

// Port returns the port a listener listens on.
func Port(ln net.Listener) int {
	if a, ok := ln.Addr().(*net.TCPAddr); ok {
		return a.Port
	}
	return 0
}
