// Package browser checks built static HTML pages in a real headless Chromium
// through the Chrome DevTools Protocol (github.com/chromedp/chromedp).
//
// A [Session] owns one Chromium process. [Session.Check] loads one page in a
// fresh tab and reports console errors, uncaught exceptions, failed loads and
// every request that leaves the page's own host. [Serve] starts a loopback
// static file server for a build directory.
//
// Chromium runs with the network closed: every host name except localhost and
// 127.0.0.1 resolves to nothing, and every request that is not for loopback
// goes to a proxy that refuses it. The page's requests to other hosts are
// still observed (the DevTools Network domain reports them before they fail),
// so they show up in [PageResult.OffHostRequests].
//
// It is test support: only tests import it, never the product
// (enforced by package layers).
package browser

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoBrowser is returned by [NewSession] when no Chromium binary is found.
var ErrNoBrowser = errors.New("browser: no Chromium binary found (set CHROMIUM_PATH or install chromium)")

// Available reports whether a Chromium binary is present. It looks at the
// CHROMIUM_PATH environment variable first (when set, only there), then at
// /usr/bin/chromium, then for chromium and chromium-browser in PATH.
func Available() (path string, ok bool) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if isExecutable(p) {
			return p, true
		}
		return "", false
	}
	if isExecutable("/usr/bin/chromium") {
		return "/usr/bin/chromium", true
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// PageResult is the result of loading one page.
type PageResult struct {
	// URL is the URL that was passed to Check.
	URL string
	// ConsoleErrors holds console.error (and failed console.assert) calls,
	// uncaught exceptions and unhandled rejections, browser log entries of
	// level error, and failed loads of the page's own resources (HTTP status
	// >= 400 or a network error). Failures of off-host requests are not
	// repeated here: those requests are in OffHostRequests, and they fail only
	// because the session blocks the network.
	ConsoleErrors []string
	// OffHostRequests holds, in order and without duplicates, the URL of every
	// request that the page made to a host that is not its own. For an http(s)
	// page, that is any http, https, ws or wss URL with another host:port. For
	// a file:// page, it is any http, https, ws or wss URL at all. data: and
	// blob: URLs never count.
	OffHostRequests []string
	// Lang is document.documentElement.lang after load.
	Lang string
	// Title is document.title after load.
	Title string
}

// Session owns one headless Chromium process with a fresh temporary profile
// directory, which Close removes. A Session is safe for concurrent use: each
// Check and each Tab runs in its own tab.
type Session struct {
	path    string
	dataDir string
	output  *tailBuffer

	allocCancel   context.CancelFunc
	browserCtx    context.Context
	browserCancel context.CancelFunc

	started   bool // the browser is up; set once by NewSession
	closeOnce sync.Once
}

// Flags returns the Chromium command line switches that NewSession adds to
// chromedp's defaults (without the leading dashes; true means a bare switch).
// It is exported for documentation and for tests.
func Flags() map[string]any {
	return map[string]any{
		"headless":                      true,
		"no-sandbox":                    true, // we run as root in containers
		"disable-gpu":                   true,
		"disable-quic":                  true,
		"no-first-run":                  true,
		"no-default-browser-check":      true,
		"disable-background-networking": true,
		"disable-component-update":      true,
		"disable-sync":                  true,
		"disable-default-apps":          true,
		"disable-extensions":            true,
		"no-pings":                      true,
		"mute-audio":                    true,
		"window-size":                   "1280,800",
		// Close the network: only loopback resolves, and anything that is not
		// loopback goes to a proxy that refuses connections (port 9, discard).
		"host-resolver-rules": "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
		"proxy-server":        "http://127.0.0.1:9",
		"proxy-bypass-list":   "127.0.0.1;localhost;[::1]",
	}
}

// NewSession starts Chromium. ctx bounds only the start-up; the browser lives
// until Close.
func NewSession(ctx context.Context) (*Session, error) {
	path, ok := Available()
	if !ok {
		return nil, ErrNoBrowser
	}
	dataDir, err := os.MkdirTemp("", "tebiki-chromium-")
	if err != nil {
		return nil, fmt.Errorf("browser: creating profile directory: %w", err)
	}
	s := &Session{path: path, dataDir: dataDir, output: &tailBuffer{max: 8 << 10}}

	opts := append([]chromedp.ExecAllocatorOption(nil), chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dataDir),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.CombinedOutput(s.output),
	)
	flags := Flags()
	for _, name := range slices.Sorted(maps.Keys(flags)) {
		opts = append(opts, chromedp.Flag(name, flags[name]))
	}

	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, browserCancel := chromedp.NewContext(allocCtx)
	s.allocCancel, s.browserCtx, s.browserCancel = allocCancel, browserCtx, browserCancel

	// The first Run starts the browser and binds it to browserCtx, so it must
	// not run under ctx (which may have a timeout). Wait for it here instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(browserCtx) }()
	select {
	case err = <-started:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		s.Close()
		if out := strings.TrimSpace(s.output.String()); out != "" && !strings.Contains(err.Error(), out) {
			return nil, fmt.Errorf("browser: starting %s: %w\nchromium output:\n%s", path, err, out)
		}
		return nil, fmt.Errorf("browser: starting %s: %w", path, err)
	}
	s.started = true
	return s, nil
}

// Path returns the Chromium binary that the session runs.
func (s *Session) Path() string { return s.path }

// Close stops Chromium and removes its profile directory. It is safe to call
// more than once.
func (s *Session) Close() {
	s.closeOnce.Do(func() {
		// Ask Chromium to shut down cleanly, so that its helper processes do
		// not keep writing into the profile directory; then kill whatever is
		// left.
		// (Only for a browser that started: chromedp.Cancel on a context
		// whose browser never started would leave the cancel func of
		// chromedp.NewContext waiting for ever.)
		if s.started {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = chromedp.Cancel(withContextValues(ctx, s.browserCtx))
			cancel()
		}
		s.browserCancel()
		s.allocCancel()
		for range 50 {
			if os.RemoveAll(s.dataDir) == nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// withContextValues returns a context that has the deadline and cancellation
// of ctx and the values (the chromedp context) of values.
func withContextValues(ctx, values context.Context) context.Context {
	return valuesCtx{Context: ctx, values: values}
}

type valuesCtx struct {
	context.Context
	values context.Context
}

func (v valuesCtx) Value(key any) any { return v.values.Value(key) }

// Tab opens a new tab in the session's browser and returns a chromedp context
// for it, so that callers can run their own actions with chromedp.Run or
// chromedp.Do (navigate, click, evaluate). The tab closes when the returned
// cancel func is called, when ctx ends, or when the session closes. The
// returned context carries ctx's deadline.
func (s *Session) Tab(ctx context.Context) (context.Context, context.CancelFunc) {
	return s.tab(ctx)
}

func (s *Session) tab(ctx context.Context, opts ...chromedp.ContextOption) (context.Context, context.CancelFunc) {
	tctx, tcancel := chromedp.NewContext(s.browserCtx, opts...)
	stop := context.AfterFunc(ctx, tcancel)
	cancel := func() {
		stop()
		tcancel()
	}
	if dl, ok := ctx.Deadline(); ok {
		dctx, dcancel := context.WithDeadline(tctx, dl)
		return dctx, func() {
			dcancel()
			cancel()
		}
	}
	return tctx, cancel
}

// Settle timing of Check: after the load event, Check waits until the page has
// had no request in flight for settleQuiet, but at most settleMax.
const (
	settleQuiet = 300 * time.Millisecond
	settleMax   = 3 * time.Second
)

// Check loads url (http://127.0.0.1:port/... or file:///...) in a new tab of
// a new, empty browser context (no shared cache or storage), waits for the
// load event and for the network to settle, and returns what it saw. An error
// means the page could not be checked at all (for example the main document
// failed to load); problems of the page itself are in the result.
func (s *Session) Check(ctx context.Context, url string) (PageResult, error) {
	res := PageResult{URL: url}
	tctx, cancel := s.tab(ctx, chromedp.WithNewBrowserContext())
	defer cancel()

	col, err := newCollector(url)
	if err != nil {
		return res, err
	}
	// Listen starts the tab; from here on, every event of the tab reaches the
	// collector, in order, before the reply of any later command.
	if err := chromedp.Listen(tctx, col.handle); err != nil {
		return res, fmt.Errorf("browser: opening tab: %w", err)
	}
	if err := chromedp.Do(tctx, chromedp.Func(col.prepare)); err != nil {
		return res, fmt.Errorf("browser: preparing tab: %w", err)
	}
	col.start()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return res, fmt.Errorf("browser: loading %s: %w", url, err)
	}
	if err := col.settle(tctx, settleQuiet, settleMax); err != nil {
		return res, fmt.Errorf("browser: waiting for %s to settle: %w", url, err)
	}

	type docInfo struct {
		Lang  string `json:"lang"`
		Title string `json:"title"`
	}
	info, err := chromedp.Run(tctx, chromedp.Evaluate[docInfo](
		`({lang: document.documentElement ? document.documentElement.lang : "", title: document.title})`))
	if err != nil {
		return res, fmt.Errorf("browser: reading document of %s: %w", url, err)
	}
	res.Lang, res.Title = info.Lang, info.Title
	res.ConsoleErrors, res.OffHostRequests = col.results()
	return res, nil
}

// tailBuffer keeps the last max bytes written to it. It holds Chromium's
// output for error messages.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
