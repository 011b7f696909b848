package serve

import (
	"net"
	"strconv"
	"testing"
)

func TestListenTakesTheNextFreePort(t *testing.T) {
	// A real listener holds a port, as another preview would.
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := Port(busy)
	ln, err := Listen(busy.Addr().String())
	if err != nil {
		t.Fatalf("Listen on a taken port: %v", err)
	}
	defer ln.Close()
	if got := Port(ln); got <= port || got > port+100 {
		t.Errorf("listening on %d; want a port after the taken %d", got, port)
	}
	// A free port is used as asked.
	free := Port(ln) + 1
	for ; free < Port(ln)+50; free++ {
		if l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(free))); err == nil {
			l.Close()
			break
		}
	}
	ln2, err := Listen(net.JoinHostPort("127.0.0.1", strconv.Itoa(free)))
	if err != nil {
		t.Fatal(err)
	}
	defer ln2.Close()
	if Port(ln2) != free {
		t.Errorf("free port %d: listening on %d", free, Port(ln2))
	}
	if _, err := Listen("127.0.0.1:x"); err == nil {
		t.Error("a port that is not a number is accepted")
	}
}
