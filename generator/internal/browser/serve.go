package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path"
	"time"
)

// Serve starts a static file server for dir on 127.0.0.1 with a random port.
// It returns the base URL ("http://127.0.0.1:PORT/") and a func that stops
// the server. .wasm files are served as application/wasm, and every response
// says Cache-Control: no-store.
func Serve(dir string) (base string, stop func(), err error) { return ServeWith(dir, nil) }

// ServeWith is Serve with extra headers on every response, such as a
// Content-Security-Policy.
func ServeWith(dir string, extra http.Header) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("browser: listening on loopback: %w", err)
	}
	files := http.FileServer(http.Dir(dir))
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Cache-Control", "no-store")
			for k, vs := range extra {
				h[k] = vs
			}
			// Do not depend on the system's MIME table for the types that
			// browsers are strict about.
			switch path.Ext(r.URL.Path) {
			case ".wasm":
				h.Set("Content-Type", "application/wasm")
			case ".js", ".mjs":
				h.Set("Content-Type", "text/javascript; charset=utf-8")
			case ".css":
				h.Set("Content-Type", "text/css; charset=utf-8")
			case ".json", ".map":
				h.Set("Content-Type", "application/json")
			case ".svg":
				h.Set("Content-Type", "image/svg+xml")
			}
			files.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln) // returns http.ErrServerClosed after stop
	}()
	stop = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
		<-done
	}
	return "http://" + ln.Addr().String() + "/", stop, nil
}
