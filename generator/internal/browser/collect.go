package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// collector gathers the events of one tab while Check loads a page. Its
// handle method runs on chromedp's read loop, so it only records under a
// lock and never blocks.
//
// Only events of the page's own tab session reach it, and of those only the
// network requests of the tab's frames (the main frame and the frames
// attached below it) count. Chromium's own background traffic (component
// updates, safe browsing, ...) belongs to the browser and never appears on a
// tab session, so it cannot show up as an off-host request of the page.
type collector struct {
	page *url.URL

	mu       sync.Mutex
	started  bool
	frames   map[cdp.FrameID]bool
	inflight map[network.RequestID]bool
	last     time.Time // last network activity of the page
	reqs     map[network.RequestID]*request
	status   map[network.RequestID]int64 // error statuses seen before their request
	entries  []entry
	offHost  []string
	seenOff  map[string]bool
}

type request struct {
	url        string
	offHost    bool
	ignored    bool // the browser's automatic favicon probe
	failed     bool // a network failure entry was recorded
	httpFailed bool // ... for an HTTP error status
}

type entryKind int

const (
	kindConsole entryKind = iota
	kindException
	kindLog
	kindNetwork
)

type entry struct {
	kind  entryKind
	text  string
	reqID network.RequestID // kindLog (when the entry names one) and kindNetwork
}

func newCollector(rawURL string) (*collector, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("browser: bad URL %q: %w", rawURL, err)
	}
	switch u.Scheme {
	case "http", "https", "file":
	default:
		return nil, fmt.Errorf("browser: unsupported URL scheme in %q (want http, https or file)", rawURL)
	}
	return &collector{
		page:     u,
		frames:   make(map[cdp.FrameID]bool),
		inflight: make(map[network.RequestID]bool),
		reqs:     make(map[network.RequestID]*request),
		status:   make(map[network.RequestID]int64),
		seenOff:  make(map[string]bool),
	}, nil
}

// prepare enables the network domain (chromedp enables it too; this makes
// the dependency explicit), disables the cache, and records the tab's main
// frame, which keeps its id across navigations.
func (c *collector) prepare(ctx context.Context, t *chromedp.Target) error {
	if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return err
	}
	tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var add func(ft *page.FrameTree)
	add = func(ft *page.FrameTree) {
		if ft == nil || ft.Frame == nil {
			return
		}
		c.frames[ft.Frame.ID] = true
		for _, ch := range ft.ChildFrames {
			add(ch)
		}
	}
	add(tree.FrameTree)
	return nil
}

// start makes the collector record from now on.
func (c *collector) start() {
	c.mu.Lock()
	c.started = true
	c.last = time.Now()
	c.mu.Unlock()
}

// ours reports whether a request of the frame belongs to the page. Requests
// of dedicated workers have no frame id; they are the page's too.
func (c *collector) ours(id cdp.FrameID) bool {
	return id == "" || c.frames[id]
}

func (c *collector) handle(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Frames are tracked from the start, so that no child frame is missed.
	switch ev := ev.(type) {
	case *page.EventFrameAttached:
		if c.frames[ev.ParentFrameID] {
			c.frames[ev.FrameID] = true
		}
		return
	case *page.EventFrameNavigated:
		if f := ev.Frame; f != nil && (f.ParentID == "" || c.frames[f.ParentID]) {
			c.frames[f.ID] = true
		}
		return
	}
	if !c.started {
		return
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if !c.ours(ev.FrameID) || ev.Request == nil {
			return
		}
		u := ev.Request.URL
		off := c.isOffHost(u)
		r := c.reqs[ev.RequestID]
		if r != nil {
			// A redirect reuses the request id; the request is off-host if
			// any hop is.
			r.url = u
			r.offHost = r.offHost || off
		} else {
			r = &request{url: u, offHost: off, ignored: !off && isAutoFavicon(ev)}
			c.reqs[ev.RequestID] = r
		}
		if r.ignored {
			return
		}
		c.inflight[ev.RequestID] = true
		c.last = time.Now()
		if off {
			c.addOffHost(u)
		}
		if code, ok := c.status[ev.RequestID]; ok {
			delete(c.status, ev.RequestID)
			c.httpFailure(ev.RequestID, r, code)
		}
	case *network.EventWebSocketCreated:
		if c.isOffHost(ev.URL) {
			c.addOffHost(ev.URL)
		}
	case *network.EventResponseReceived:
		if r := c.reqs[ev.RequestID]; r != nil && ev.Response != nil {
			c.httpFailure(ev.RequestID, r, ev.Response.Status)
		}
	case *network.EventResponseReceivedExtraInfo:
		// The extra info has the status code also when the browser drops
		// the response before responseReceived, for example a 404 page
		// served as text/plain for a stylesheet (strict MIME checking
		// cancels that request). It can come before requestWillBeSent.
		if r := c.reqs[ev.RequestID]; r != nil {
			c.httpFailure(ev.RequestID, r, ev.StatusCode)
		} else if ev.StatusCode >= 400 {
			c.status[ev.RequestID] = ev.StatusCode
		}
	case *network.EventLoadingFinished:
		if c.inflight[ev.RequestID] {
			delete(c.inflight, ev.RequestID)
			c.last = time.Now()
		}
	case *network.EventLoadingFailed:
		if c.inflight[ev.RequestID] {
			delete(c.inflight, ev.RequestID)
			c.last = time.Now()
		}
		r := c.reqs[ev.RequestID]
		if r == nil || r.ignored || ev.Canceled {
			return
		}
		msg := ev.ErrorText
		if ev.BlockedReason != "" {
			msg += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		if ev.CorsErrorStatus != nil {
			msg += " (CORS: " + string(ev.CorsErrorStatus.CorsError) + ")"
		}
		c.netFailure(ev.RequestID, r, msg)
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
		default:
			return
		}
		text := "console." + string(ev.Type) + ": " + formatArgs(ev.Args)
		if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
			f := st.CallFrames[0]
			text += " " + location(f.URL, f.LineNumber, f.ColumnNumber)
		}
		c.entries = append(c.entries, entry{kind: kindConsole, text: text})
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			return
		}
		text := d.Text
		if d.Exception != nil {
			desc, _, _ := strings.Cut(remoteValue(d.Exception), "\n    at ")
			text = strings.TrimSpace(text + " " + desc)
		}
		u := d.URL
		if u == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
			u = d.StackTrace.CallFrames[0].URL
		}
		text = "exception: " + text
		if u != "" {
			text += " " + location(u, d.LineNumber, d.ColumnNumber)
		}
		c.entries = append(c.entries, entry{kind: kindException, text: text})
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError {
			return
		}
		text := "log(" + string(e.Source) + "): " + e.Text
		if e.URL != "" {
			text += " [" + e.URL + "]"
		}
		c.entries = append(c.entries, entry{kind: kindLog, text: text, reqID: e.NetworkRequestID})
	}
}

// httpFailure records a failed load when code is an HTTP error status.
func (c *collector) httpFailure(id network.RequestID, r *request, code int64) {
	if code < 400 || r.ignored {
		return
	}
	r.httpFailed = true
	c.netFailure(id, r, fmt.Sprintf("HTTP %d %s", code, http.StatusText(int(code))))
}

// isAutoFavicon reports whether the request is the browser's own probe for
// /favicon.ico, which headless Chromium makes on the page's behalf after load
// when the page names no icon. A site without that file is not broken.
func isAutoFavicon(ev *network.EventRequestWillBeSent) bool {
	if ev.Type != network.ResourceTypeOther || ev.Initiator == nil || ev.Initiator.Type != network.InitiatorTypeOther {
		return false
	}
	u, err := url.Parse(ev.Request.URL)
	return err == nil && u.Path == "/favicon.ico"
}

func (c *collector) netFailure(id network.RequestID, r *request, msg string) {
	if r.failed {
		return
	}
	r.failed = true
	c.entries = append(c.entries, entry{
		kind:  kindNetwork,
		text:  "failed to load " + r.url + ": " + msg,
		reqID: id,
	})
}

func (c *collector) addOffHost(u string) {
	if !c.seenOff[u] {
		c.seenOff[u] = true
		c.offHost = append(c.offHost, u)
	}
}

// isOffHost reports whether a request for raw leaves the page's host.
func (c *collector) isOffHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ws", "wss":
	default:
		// data:, blob:, about:, file:, chrome-extension: and the like.
		return false
	}
	if c.page.Scheme == "file" {
		return true
	}
	return hostPort(u) != hostPort(c.page)
}

// hostPort returns the lower-case host and the port of u, with the default
// port of its scheme filled in.
func hostPort(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https", "wss":
			port = "443"
		default:
			port = "80"
		}
	}
	return net.JoinHostPort(host, port)
}

// settle waits until the page has had no request in flight for quiet, or
// until max has passed.
func (c *collector) settle(ctx context.Context, quiet, max time.Duration) error {
	deadline := time.Now().Add(max)
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	for {
		c.mu.Lock()
		idle := len(c.inflight) == 0 && time.Since(c.last) >= quiet
		c.mu.Unlock()
		if idle || time.Now().After(deadline) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// results returns the console errors and the off-host requests.
//
// Each problem is reported once: a failed load keeps its network failure
// entry, and log entries about the same request (by request id, or by naming
// the URL of a load that failed with an HTTP error, such as "Refused to apply
// style from '.../missing.css'" after its 404) are dropped, as are repeated
// identical messages. Failures of off-host requests are dropped, since the
// session itself blocks them, and so is the automatic favicon probe.
func (c *collector) results() (errs, offHost []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var httpFailed []string
	for _, r := range c.reqs {
		if r.httpFailed {
			httpFailed = append(httpFailed, r.url)
		}
	}
	seen := make(map[string]bool)
entries:
	for _, e := range c.entries {
		if r := c.reqs[e.reqID]; e.reqID != "" && r != nil {
			if r.offHost || r.ignored || (e.kind == kindLog && r.failed) {
				continue
			}
		}
		if e.kind == kindLog {
			for _, u := range httpFailed {
				if strings.Contains(e.text, "'"+u+"'") {
					continue entries
				}
			}
		}
		if !seen[e.text] {
			seen[e.text] = true
			errs = append(errs, e.text)
		}
	}
	return errs, append([]string(nil), c.offHost...)
}

func location(u string, line, col int64) string {
	// The protocol counts lines and columns from 0.
	return "(" + u + ":" + strconv.FormatInt(line+1, 10) + ":" + strconv.FormatInt(col+1, 10) + ")"
}

// formatArgs renders console arguments roughly as the DevTools console does.
func formatArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, remoteValue(a))
	}
	return strings.Join(parts, " ")
}

func remoteValue(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	switch {
	case o.Type == runtime.RemoteObjectTypeString && len(o.Value) > 0:
		var s string
		if err := json.Unmarshal(o.Value, &s); err == nil {
			return s
		}
		return string(o.Value)
	case o.Type == runtime.RemoteObjectTypeUndefined:
		return "undefined"
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	case len(o.Value) > 0:
		return string(o.Value)
	}
	return string(o.Type)
}
