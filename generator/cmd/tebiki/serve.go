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

	"github.com/tebiki/tebiki/generator/internal/serve"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlags("serve", "Serves a preview of the site on this computer only (loopback), rebuilds it\nwhenever a file in content/, rules/ or themes/ changes, and reloads the open\npage. If an edit breaks the build, the last good site stays up and the\nproblems show in the page and here; if the first build fails, every page\nlists the problems until they are fixed.", stderr)
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on (loopback only; see -bind)")
	bind := fs.String("bind", "", "also open the preview to the network on this interface, such as 0.0.0.0 (all) or\nthis computer's address, with an optional :PORT: colleagues and phones on the\noffice network can then see it (default: this computer only)")
	withChecker := newCheckerFlag()
	fs.Var(withChecker, "checker", checkerUsage)
	poll := fs.Bool("poll", false, "look for changes every 200ms instead of waiting for file events (for a project on a network share)")
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !noArgs(fs, lang, stderr) || !siteRoot(&c.src, lang, stderr) {
		return 2
	}
	host, port, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		say(stderr, lang, "tebiki: serve listens on this computer only; use an address like 127.0.0.1:1313, or -bind to open it to the network")
		return 2
	}
	listenAddr := *addr
	if *bind != "" {
		h, p, err := net.SplitHostPort(*bind)
		if err != nil { // a host alone
			h, p = *bind, port
		}
		if h != "" && net.ParseIP(h) == nil {
			say(stderr, lang, "tebiki: -bind %q is not an IP address; use 0.0.0.0 for every network, or this computer's address", *bind)
			return 2
		}
		listenAddr = net.JoinHostPort(h, p)
	}
	srv := &serve.Server{Root: c.src, Theme: c.theme, Log: stderr, Date: c.date, Lang: lang, Poll: *poll}
	if srv.Checker, err = withChecker.option(c.src, stderr); err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 2
	}
	// Listen first: a taken port is known before the build, and the next
	// free one is used instead.
	ln, err := serve.Listen(listenAddr)
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	defer ln.Close()
	if _, want, _ := net.SplitHostPort(listenAddr); want != "0" && want != strconv.Itoa(serve.Port(ln)) {
		say(stdout, lang, "tebiki: port %s is in use; using %d instead", want, serve.Port(ln))
	}
	local := ln.Addr().String()
	if ip := ln.Addr().(*net.TCPAddr).IP; ip.IsUnspecified() {
		local = net.JoinHostPort("127.0.0.1", strconv.Itoa(serve.Port(ln)))
	}
	say(stdout, lang, "tebiki: preview at http://%s/ (Ctrl+C to stop)", local)
	if !ln.Addr().(*net.TCPAddr).IP.IsLoopback() {
		networkWarning(stdout, ln)
	}
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

// networkWarning says, in both languages, that the preview is open to the
// network, and at which addresses colleagues reach it.
func networkWarning(w io.Writer, ln net.Listener) {
	a := ln.Addr().(*net.TCPAddr)
	var urls []string
	if a.IP.IsUnspecified() {
		addrs, _ := net.InterfaceAddrs()
		for _, ad := range addrs {
			if n, ok := ad.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				urls = append(urls, "http://"+net.JoinHostPort(n.IP.String(), strconv.Itoa(a.Port))+"/")
			}
		}
	} else if !a.IP.IsLoopback() {
		urls = append(urls, "http://"+a.String()+"/")
	}
	fmt.Fprintf(w, "tebiki: WARNING: the preview is open to the network (%s): colleagues on the office network can see it, unpublished changes included. Stop it (Ctrl+C) when you are done.\n", a)
	fmt.Fprintf(w, "tebiki: 警告：プレビューをネットワークに公開しています（%s）。同じネットワークの人が、公開前の変更も含めて見られます。終わったら止めてください（Ctrl+C）。\n", a)
	for _, u := range urls {
		fmt.Fprintf(w, "tebiki: on the network / ネットワークから: %s\n", u)
	}
}
