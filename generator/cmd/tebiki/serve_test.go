package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an output the command and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

var previewAt = regexp.MustCompile(`preview at (http://[^/ ]+/)`)

// startServe runs "tebiki serve" with args until the test ends, and
// returns the preview's address and the command's output (stdout and
// stderr together, in order).
func startServe(t *testing.T, args ...string) (url string, out *lockedBuffer) {
	t.Helper()
	out = &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), out, out) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, out.String())
		}
	})
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if m := previewAt.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		select {
		case code := <-done:
			done <- code
			t.Fatalf("serve exited %d:\n%s", code, out.String())
		default:
		}
	}
	t.Fatalf("serve printed no address:\n%s", out.String())
	return "", nil
}

// fetch gets url once the first build is served.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	var code int
	var body string
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		code, body = resp.StatusCode, string(b)
		if code != http.StatusServiceUnavailable {
			break
		}
	}
	return code, body
}

func TestServeTakesTheNextPortWhenTaken(t *testing.T) {
	dir := copyProject(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	url, out := startServe(t, "-src", dir, "-checker=false", "-addr", busy.Addr().String())
	if url == "http://"+busy.Addr().String()+"/" {
		t.Fatalf("serve claims the taken port: %s", url)
	}
	_, p, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	if n, _ := strconv.Atoi(p); n <= port {
		t.Errorf("port %s; want one after %d", p, port)
	}
	if code, body := fetch(t, url+"en/sanda/index.html"); code != 200 || !strings.Contains(body, "Sanda") {
		t.Errorf("GET the preview: %d\n%.300s", code, body)
	}
	text := out.String()
	moved := strings.Index(text, "port "+strconv.Itoa(port)+" is in use; using "+p)
	built := strings.Index(text, "rebuilt")
	if moved < 0 || built < 0 || moved > built {
		t.Errorf("the port change is not printed before the build:\n%s", text)
	}
}

// otherAddress returns an address of this computer that is not loopback,
// or "" when it has none.
func otherAddress() string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return ""
}

func portOf(t *testing.T, url string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	dir := copyProject(t)
	url, out := startServe(t, "-src", dir, "-checker=false")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("default address %s", url)
	}
	if code, _ := fetch(t, url+"en/index.html"); code != 200 {
		t.Errorf("GET through loopback: %d", code)
	}
	if strings.Contains(out.String(), "WARNING") || strings.Contains(out.String(), "警告") {
		t.Errorf("a warning without -bind:\n%s", out.String())
	}
	if ip := otherAddress(); ip != "" {
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, portOf(t, url)), 2*time.Second); err == nil {
			c.Close()
			t.Errorf("the default preview answers on %s, not only on loopback", ip)
		}
	} else {
		t.Log("no address but loopback on this computer: only the loopback side is checked")
	}
	if code, _, stderr := runCmd("serve", "-addr", "0.0.0.0:1313"); code != 2 || !strings.Contains(stderr, "-bind") {
		t.Errorf("-addr off loopback: exit %d, %s", code, stderr)
	}
}

func TestServeBindOpensToTheNetworkWithAWarning(t *testing.T) {
	dir := copyProject(t)
	url, out := startServe(t, "-src", dir, "-checker=false", "-bind", "0.0.0.0:0")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("printed address %s", url)
	}
	if code, body := fetch(t, url+"en/index.html"); code != 200 || !strings.Contains(body, "Sanda") {
		t.Errorf("GET through 127.0.0.1: %d", code)
	}
	text := out.String()
	for _, want := range []string{"WARNING: the preview is open to the network", "colleagues on the office network can see it", "警告：プレビューをネットワークに公開しています", "同じネットワークの人"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if ip := otherAddress(); ip != "" {
		other := "http://" + net.JoinHostPort(ip, portOf(t, url)) + "/"
		if !strings.Contains(text, other) {
			t.Errorf("the address for colleagues (%s) is not printed:\n%s", other, text)
		}
		if code, _ := fetch(t, other+"en/index.html"); code != 200 {
			t.Errorf("GET through %s: %d", ip, code)
		}
	}
	if code, _, stderr := runCmd("serve", "-bind", "office-pc"); code != 2 || !strings.Contains(stderr, "not an IP address") {
		t.Errorf("-bind with a name: exit %d, %s", code, stderr)
	}
}
