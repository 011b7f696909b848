package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabTimeout bounds everything one tab does.
const tabTimeout = 90 * time.Second

// tab is one browser tab on one page, with a monitor of what the page does.
type tab struct {
	t      *testing.T
	ctx    context.Context
	cancel context.CancelFunc
	mon    *monitor
	url    string
}

// openTab opens a new tab, starts monitoring it, runs setup (for example to
// block URLs) and loads u.
func openTab(t *testing.T, u string, setup ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	s := session(t)
	ctx, cancel := context.WithTimeout(context.Background(), tabTimeout)
	tctx, tcancel := s.Tab(ctx)
	tb := &tab{t: t, ctx: tctx, cancel: func() { tcancel(); cancel() }, url: u}
	t.Cleanup(tb.cancel)
	mon, err := newMonitor(u)
	if err != nil {
		t.Fatal(err)
	}
	tb.mon = mon
	if err := chromedp.Listen(tctx, mon.handle); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if len(setup) > 0 {
		if err := chromedp.Do(tctx, setup...); err != nil {
			t.Fatalf("preparing the tab: %v", err)
		}
	}
	tb.navigate(u)
	return tb
}

// navigate loads u in the tab and waits for its load event.
func (tb *tab) navigate(u string) {
	tb.t.Helper()
	tb.mon.setPage(u)
	tb.url = u
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(u)); err != nil {
		tb.t.Fatalf("loading %s: %v", u, err)
	}
}

// eval evaluates the JavaScript expression js in the tab's page and decodes
// its value into T. Promises are awaited.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluating %s: %v", tb.url, abbrev(js), err)
	}
	return v
}

// run evaluates js for its effect only.
func (tb *tab) run(js string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, js)
}

func abbrev(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// waitFor polls the expression js from Go (so that it does not depend on the
// page's timers) until it is true, and fails the test after timeout with what
// the checker's live region says.
func (tb *tab) waitFor(js string, timeout time.Duration, what string) {
	tb.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool]("!!("+js+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || tb.ctx.Err() != nil {
			status, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(document.querySelector(".checker-status")||{}).textContent||""`))
			tb.t.Fatalf("%s: timed out after %v waiting for %s (%s); checker status %q; errors %q; evaluate error: %v",
				abbrev(tb.url), timeout, what, abbrev(js), status, tb.mon.errorList(), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitChecker waits until the checker shows its first question.
func (tb *tab) waitChecker() {
	tb.t.Helper()
	tb.waitFor(`document.querySelector("[data-checker] fieldset[data-q]")`, 20*time.Second, "the checker's first question")
}

// waitCore starts the checker's WebAssembly core as moving into the
// checker does (without moving focus), and waits until it has loaded the
// page's rules and read any answers in the address.
func (tb *tab) waitCore() {
	tb.t.Helper()
	tb.waitChecker()
	tb.run(`document.querySelector("[data-checker] form").dispatchEvent(new FocusEvent("focusin", {bubbles: true}))`)
	tb.waitFor(`document.querySelector("[data-checker]").dataset.core === "ready"`, 20*time.Second, "the checker's WebAssembly core")
}

// click clicks the element that sel selects with the mouse, as a resident
// would: it scrolls the element into view and presses and releases the left
// button over its middle, after making sure that nothing covers that point.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	type point struct {
		X, Y float64
		Err  string
	}
	p := eval[point](tb, `(() => {
		const e = document.querySelector(`+jsString(sel)+`);
		if (!e) return {err: "no element"};
		e.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) return {err: "not rendered"};
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		if (!hit || !(hit === e || e.contains(hit))) return {err: "covered by " + (hit ? hit.outerHTML.slice(0, 120) : "nothing")};
		return {x, y};
	})()`)
	if p.Err != "" {
		tb.t.Fatalf("%s: cannot click %s: %s", tb.url, sel, p.Err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
		tb.t.Fatalf("%s: clicking %s: %v", tb.url, sel, err)
	}
}

// key presses the keys (see package kb: kb.Tab, kb.Enter, kb.ArrowDown, " "),
// with the modifiers given.
func (tb *tab) key(keys string, mods ...chromedp.Modifier) {
	tb.t.Helper()
	var opts []chromedp.KeyOption
	if len(mods) > 0 {
		opts = append(opts, chromedp.KeyModifiers(mods...))
	}
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(keys, opts...)); err != nil {
		tb.t.Fatalf("%s: pressing %q: %v", tb.url, keyName(keys), err)
	}
}

func keyName(k string) string {
	switch k {
	case kb.Tab:
		return "Tab"
	case kb.Enter:
		return "Enter"
	case kb.ArrowDown:
		return "ArrowDown"
	case kb.ArrowUp:
		return "ArrowUp"
	case " ":
		return "Space"
	}
	return k
}

// assertClean fails the test for every console error, uncaught exception,
// failed load and request to another host that the tab saw.
func (tb *tab) assertClean() {
	tb.t.Helper()
	for _, e := range tb.mon.errorList() {
		tb.t.Errorf("%s: %s", tb.url, e)
	}
	for _, r := range tb.mon.offHostList() {
		tb.t.Errorf("%s: request to another host: %s", tb.url, r)
	}
}

// monitor records, for one tab, the requests that leave the page's host, and
// the console errors, uncaught exceptions and failed loads. Its handle method
// runs on chromedp's read loop: it only records, under a lock.
type monitor struct {
	mu         sync.Mutex
	page       *url.URL
	reqs       map[network.RequestID]string
	requests   []string // every request URL, in order
	offHost    []string
	errors     []string
	exceptions []string
}

func newMonitor(u string) (*monitor, error) {
	m := &monitor{reqs: map[network.RequestID]string{}}
	return m, m.setPage(u)
}

func (m *monitor) setPage(u string) error {
	// The fragment does not decide the host, and may be anything at all.
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	pu, err := url.Parse(u)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.page = pu
	m.mu.Unlock()
	return nil
}

// isOffHost reports whether a request for raw leaves the page's own host.
// From a file:// page, any http, https, ws or wss request does.
func (m *monitor) isOffHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ws", "wss":
	default:
		return false // file:, data:, blob:, about:
	}
	if m.page.Scheme == "file" {
		return true
	}
	return hostPort(u) != hostPort(m.page)
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "wss": "443"}[strings.ToLower(u.Scheme)]
		if port == "" {
			port = "80"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// isFavicon reports whether u is the browser's own probe for /favicon.ico
// (the site names no icon).
func isFavicon(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Path == "/favicon.ico"
}

func (m *monitor) handle(ev any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		u := ev.Request.URL
		m.reqs[ev.RequestID] = u
		m.requests = append(m.requests, u)
		if m.isOffHost(u) {
			m.offHost = append(m.offHost, u)
		}
	case *network.EventWebSocketCreated:
		if m.isOffHost(ev.URL) {
			m.offHost = append(m.offHost, ev.URL)
		}
	case *network.EventResponseReceived:
		if r := ev.Response; r != nil && r.Status >= 400 && !isFavicon(r.URL) {
			m.errors = append(m.errors, fmt.Sprintf("HTTP %d for %s", r.Status, r.URL))
		}
	case *network.EventLoadingFailed:
		u := m.reqs[ev.RequestID]
		if ev.Canceled || isFavicon(u) {
			return
		}
		msg := "failed to load " + u + ": " + ev.ErrorText
		if ev.BlockedReason != "" {
			msg += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		m.errors = append(m.errors, msg)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, remote(a))
		}
		m.errors = append(m.errors, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			return
		}
		text := d.Text
		if d.Exception != nil {
			text += " " + remote(d.Exception)
		}
		m.exceptions = append(m.exceptions, text)
		m.errors = append(m.errors, "uncaught exception: "+text)
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError && !isFavicon(e.URL) {
			m.errors = append(m.errors, "log("+string(e.Source)+"): "+e.Text+" "+e.URL)
		}
	}
}

func remote(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return ""
	case o.Type == runtime.RemoteObjectTypeString:
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
	case o.Description != "":
		return o.Description
	}
	return string(o.Value)
}

func (m *monitor) errorList() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.errors...)
}

func (m *monitor) exceptionList() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.exceptions...)
}

func (m *monitor) offHostList() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.offHost...)
}

func (m *monitor) requestList() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.requests...)
}

// ui returns the UI string key in the page's language, as the checker has it.
func (tb *tab) ui(key string) string {
	tb.t.Helper()
	return eval[string](tb, `JSON.parse(document.querySelector(".checker-ui").textContent)[`+jsString(key)+`]`)
}

// plainJS is a JavaScript function giving an element's text without the
// readings of its kanji (<rt>, <rp>) on pages with furigana: the words as
// the rules write them ("" for no element).
const plainJS = `(e => { if (!e) return ""; const c = e.cloneNode(true); c.querySelectorAll("rt, rp").forEach((r) => r.remove()); return c.textContent; })`
