package diff

import (
	stdhtml "html"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// Page text: what a resident reads (or hears from a screen reader) on a
// page, as one line per block (a paragraph, a heading, a list item, a table
// row), to compare two versions of a page paragraph by paragraph.

// blocks are the elements that start and end a line of text.
var blocks = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "dt": true, "dd": true, "tr": true, "caption": true, "summary": true,
	"figcaption": true, "blockquote": true, "pre": true, "div": true, "section": true,
	"article": true, "header": true, "footer": true, "nav": true, "main": true, "aside": true,
	"ul": true, "ol": true, "dl": true, "table": true, "form": true, "fieldset": true,
	"legend": true, "details": true, "title": true, "address": true, "br": true, "hr": true,
	"option": true, "body": true, "head": true, "html": true, "noscript": true, "label": true,
	"button": true,
}

// hidden are the elements whose content is not read.
var hidden = map[string]bool{"script": true, "style": true, "template": true}

// PageText returns the text lines of an HTML page: the title, then every
// block's text with white space collapsed, image descriptions (alt) and
// accessible names (aria-label) in brackets where they stand.
func PageText(page []byte) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			lines = append(lines, s)
		}
		cur.Reset()
	}
	l := html.NewLexer(parse.NewInputBytes(page))
	skip := "" // the hidden element being skipped
	tag := ""  // the start tag being read
	cells := 0 // cells in the current table row
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return lines
		case html.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			if skip != "" {
				continue
			}
			if hidden[tag] {
				skip = tag
				continue
			}
			switch {
			case tag == "td" || tag == "th":
				if cells > 0 {
					cur.WriteString(" | ")
				}
				cells++
			case tag == "tr":
				flush()
				cells = 0
			case blocks[tag]:
				flush()
			}
		case html.AttributeToken:
			if skip != "" {
				continue
			}
			key := strings.ToLower(string(l.AttrKey()))
			if (key == "alt" && tag == "img") || key == "aria-label" {
				if v := attrVal(l.AttrVal()); strings.TrimSpace(v) != "" {
					cur.WriteString(" [" + v + "] ")
				}
			}
		case html.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			if skip != "" {
				if name == skip {
					skip = ""
				}
				continue
			}
			if blocks[name] {
				flush()
			}
		case html.TextToken:
			if skip == "" {
				cur.WriteString(stdhtml.UnescapeString(string(data)))
			}
		}
	}
}

func attrVal(v []byte) string {
	s := string(v)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return stdhtml.UnescapeString(s)
}

// Hunk is one place where a page's text changed: the lines removed and the
// lines added there, and the line before them (for orientation).
type Hunk struct {
	After   string   `json:"after,omitempty"`
	Removed []string `json:"removed,omitempty"`
	Added   []string `json:"added,omitempty"`
}

// diffLines compares two texts line by line (longest common subsequence)
// and returns the changed places.
func diffLines(a, b []string) []Hunk {
	// Trim the common start and end: most edits touch a few lines.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(ma), len(mb)
	// lcs[i][j] = length of the LCS of ma[i:] and mb[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Hunk
	var h *Hunk
	last := ""
	if pre > 0 {
		last = a[pre-1]
	}
	open := func() {
		if h == nil {
			out = append(out, Hunk{After: last})
			h = &out[len(out)-1]
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ma[i] == mb[j]:
			h, last = nil, ma[i]
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			open()
			h.Added = append(h.Added, mb[j])
			j++
		default:
			open()
			h.Removed = append(h.Removed, ma[i])
			i++
		}
	}
	return out
}
