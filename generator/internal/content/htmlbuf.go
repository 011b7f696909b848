package content

import "strings"

// htmlBuf is where a page's HTML is rendered: a strings.Builder that
// goldmark takes for its buffered writer (util.BufWriter), so it writes
// straight into it. Given any other writer, goldmark wraps it in a
// bufio.Writer of 4 KB, as much as the HTML of most pages, then the HTML
// was copied out of a bytes.Buffer grown from 64 bytes by doubling.
type htmlBuf struct {
	strings.Builder
}

func (b *htmlBuf) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuf) Buffered() int  { return 0 }
func (b *htmlBuf) Flush() error   { return nil }

// newHTMLBuf returns a buffer for the HTML of a body of n bytes: about 1.4
// times the Markdown, for pages in Japanese and in English alike.
func newHTMLBuf(n int) *htmlBuf {
	b := new(htmlBuf)
	b.Grow(n + n/2 + 64)
	return b
}

// html returns the HTML written, in a string of its own size if the
// buffer was much too large (the string keeps the whole buffer alive).
func (b *htmlBuf) html() string {
	s := b.String()
	if b.Cap()-len(s) > len(s)/8+64 {
		return strings.Clone(s)
	}
	return s
}
