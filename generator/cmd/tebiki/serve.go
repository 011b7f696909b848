package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/serve"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlags("serve", "Serves a preview of the site on this computer only (loopback), rebuilds it\nwhenever a file in content/, rules/ or themes/ changes, and reloads the open\npage. If an edit breaks the build, the last good site stays up and the\nproblems show in the page and here; if the first build fails, every page\nlists the problems until they are fixed.", stderr)
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on (loopback only)")
	withChecker := fs.Bool("checker", true, "compile the interactive checker (wasm/) into the preview")
	poll := fs.Bool("poll", false, "look for changes every 200ms instead of waiting for file events (for a project on a network share)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		fmt.Fprintf(stderr, "tebiki: serve listens on this computer only; use an address like 127.0.0.1:1313\n")
		return 2
	}
	srv := &serve.Server{Root: c.src, Theme: c.theme, Log: stderr, Date: c.date, Lang: diag.LangFromEnv(os.Getenv), Poll: *poll}
	if *withChecker {
		srv.Checker = checkerRoot(c.src)
	}
	// Listen first: a taken port is known before the build, and the next
	// free one is used instead.
	ln, err := serve.Listen(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	defer ln.Close()
	lang := diag.LangFromEnv(os.Getenv)
	if _, want, _ := net.SplitHostPort(*addr); want != "0" && want != strconv.Itoa(serve.Port(ln)) {
		if lang == "ja" {
			fmt.Fprintf(stdout, "tebiki: ポート %s は使用中のため、%d を使います\n", want, serve.Port(ln))
		} else {
			fmt.Fprintf(stdout, "tebiki: port %s is in use; using %d instead\n", want, serve.Port(ln))
		}
	}
	fmt.Fprintf(stdout, "tebiki: preview at http://%s/ (Ctrl+C to stop)\n", ln.Addr())
	srv.Rebuild()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	go srv.Watch(ctx)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go func() { <-ctx.Done(); hs.Close() }()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	return 0
}
