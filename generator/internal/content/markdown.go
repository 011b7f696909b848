package content

import (
	"bytes"
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Resolver maps the key of a linked page to its URL relative to the page
// being rendered, and reports whether that page exists.
type Resolver func(key string) (href string, ok bool)

// Renderer renders pages. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// NewRenderer returns a renderer with the site's Markdown settings: GitHub
// tables and strikethrough, Unicode heading IDs, links between pages checked
// and rewritten, and raw HTML refused (goldmark's default leaves it out; we
// report it, so a writer knows why it vanished).
func NewRenderer() *Renderer {
	return &Renderer{md: goldmark.New(
		// The Japanese extension's renderer only: its joining of text is
		// done by the checker, in the same walk of the document.
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, japaneseRendered{}),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(checker{}, 100)),
		),
		// Before goldmark's HTML renderer (1000): links written without its copies.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newLinkRenderer(), 500))),
	)}
}

// Links tells the renderer about the rest of the site.
type Links struct {
	Resolve Resolver
	// Linked, if set, is told of every link to another page that exists,
	// with the part of the page it names (page.md#part) or "", so the caller
	// can check the part exists once that page is rendered, and check the
	// link again in a later build that does not render this page.
	Linked func(key, fragment, dest string, pos diag.Pos)
	// Reserved are element ids the layout already uses on the page; heading
	// ids avoid them ("## Contact" becomes id="contact-1" if "contact" is taken).
	Reserved []string
}

type renderState struct {
	page  *Page
	links Links
	errs  *diag.List
	dir   string // path.Dir(page.File), once a link needs it
}

var stateKey = parser.NewContextKey()

// Render converts the page body to HTML. Problems (links to missing pages,
// raw HTML, unsafe link schemes) are added to errs.
func (r *Renderer) Render(p *Page, resolve Resolver, errs *diag.List) template.HTML {
	return r.RenderWith(p, Links{Resolve: resolve}, errs)
}

// RenderWith is Render with more knowledge of the site.
func (r *Renderer) RenderWith(p *Page, links Links, errs *diag.List) template.HTML {
	ids := newIDs()
	for _, id := range links.Reserved {
		ids.seen[id] = true
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	ctx.Set(stateKey, &renderState{page: p, links: links, errs: errs})
	buf := newHTMLBuf(len(p.Body))
	if err := r.md.Convert(p.Body, buf, parser.WithContext(ctx)); err != nil {
		errs.Add(p.Pos(0), "cannot render Markdown: %v", err)
	}
	return template.HTML(buf.html()) // goldmark escapes text; raw HTML is off
}

// checker walks the parsed document: it rewrites links between pages and
// reports what the site does not allow.
type checker struct{}

func (checker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*renderState)
	if st == nil {
		return
	}
	w := walker{st: st, src: reader.Source()}
	if st.page != nil {
		w.join, w.lang = true, pageHTMLLang(st.page)
	}
	w.walk(doc)
}

// walker is the checker's walk of the document, which also does what the
// Japanese extension's transformer does (joinText), so the document is
// walked once instead of twice. Each node is checked before its children
// are joined: the checker looks for the first text of a link as it was
// parsed.
type walker struct {
	st   *renderState
	src  []byte
	join bool
	lang string
	slab jaSlab
}

func (w *walker) walk(n ast.Node) {
	w.check(n)
	if w.join && n.FirstChild() != nil && n.Kind() != ast.KindText {
		joinText(n, w.src, w.lang, &w.slab)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.walk(c)
	}
}

func (w *walker) check(n ast.Node) {
	st, src := w.st, w.src
	switch n := n.(type) {
	case *ast.HTMLBlock:
		st.errs.AddHint(st.page.Pos(blockStart(n)), "write it in Markdown; raw HTML is not allowed in content", "raw HTML")
	case *ast.RawHTML:
		off := 0
		if n.Segments.Len() > 0 {
			off = n.Segments.At(0).Start
		}
		st.errs.AddHint(st.page.Pos(off), "write it in Markdown; raw HTML is not allowed in content", "raw HTML")
	case *ast.Image:
		st.errs.AddHint(st.page.Pos(inlineStart(n, src)), "pictures are not supported in content yet", "image %q", string(n.Destination))
	case *ast.Link:
		st.link(n, src)
	case *ast.AutoLink:
		if n.AutoLinkType == ast.AutoLinkURL {
			st.external(string(n.URL(src)), inlineStart(n, src))
		}
	}
}

func (st *renderState) link(n *ast.Link, src []byte) {
	dest := string(n.Destination)
	off := inlineStart(n, src)
	u, err := parseLink(dest)
	switch {
	case err != nil:
		st.errs.Add(st.page.Pos(off), "link %q is not a valid address", dest)
	case u.Scheme != "":
		st.externalURL(&u, dest, off)
	case dest == "" || strings.HasPrefix(dest, "#"):
	case strings.HasPrefix(u.Path, "/"):
		st.errs.AddHint(st.page.Pos(off), "link to the Markdown file by its relative path, for example ../sanda/renewal.md", "link %q starts with /", dest)
	case !strings.HasSuffix(u.Path, ".md"):
		st.errs.AddHint(st.page.Pos(off), "link to the Markdown file of the page, for example renewal.md", "link %q does not name a page", dest)
	default:
		if st.dir == "" {
			st.dir = path.Dir(st.page.File)
		}
		target := joinPath(st.dir, u.Path)
		key, ok := keyOf(target)
		href, found := "", false
		if ok {
			href, found = st.links.Resolve(key)
		}
		if !found {
			st.errs.AddHint(st.page.Pos(off), "check the file name; links are relative to this file", "link to a page that does not exist: %s", dest)
			return
		}
		if u.Fragment != "" {
			href += "#" + u.EscapedFragment()
		}
		if st.links.Linked != nil {
			st.links.Linked(key, u.Fragment, dest, st.page.Pos(off))
		}
		n.Destination = []byte(href)
	}
}

// parseLink is url.Parse, without its work for the usual link between
// pages, a relative path of letters, digits and . - _ ~ / (renewal.md,
// ../sanda/renewal.md): its URL is that path, and nothing else.
func parseLink(dest string) (url.URL, error) {
	fast := dest != "" && dest[0] != '/'
	for i := 0; fast && i < len(dest); i++ {
		c := dest[i]
		fast = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_' || c == '~' || c == '/'
	}
	if fast {
		return url.URL{Path: dest}, nil
	}
	u, err := url.Parse(dest)
	if err != nil {
		return url.URL{}, err
	}
	return *u, nil
}

// joinPath is path.Join(dir, rel) for a clean relative dir (the folder of
// a page), in one allocation for the usual link (../sanda/renewal.md,
// renewal.md): each leading ../ takes off a folder of dir, and what is
// left, if clean, is added to it; any other link is left to path.Join.
func joinPath(dir, rel string) string {
	d, r := dir, rel
	if d == "" || d[0] == '/' || path.Clean(d) != d { // Clean copies nothing when d is clean
		return path.Join(dir, rel)
	}
	for strings.HasPrefix(r, "../") && d != "" && d != "." && d != ".." && !strings.HasSuffix(d, "/..") {
		d = d[:max(strings.LastIndexByte(d, '/'), 0)]
		r = r[3:]
	}
	if d == "" || d == "." || d == ".." || !cleanRel(r) {
		return path.Join(dir, rel)
	}
	return d + "/" + r
}

// cleanRel reports whether rel is a relative path that path.Clean leaves
// as it is: no empty, . or .. part.
func cleanRel(rel string) bool {
	for {
		i := strings.IndexByte(rel, '/')
		part := rel
		if i >= 0 {
			part = rel[:i]
		}
		if part == "" || part == "." || part == ".." {
			return false
		}
		if i < 0 {
			return true
		}
		rel = rel[i+1:]
	}
}

func (st *renderState) external(dest string, off int) {
	u, err := url.Parse(dest)
	if err != nil {
		return
	}
	st.externalURL(u, dest, off)
}

func (st *renderState) externalURL(u *url.URL, dest string, off int) {
	switch u.Scheme {
	case "http", "https", "mailto", "tel":
	default:
		st.errs.AddHint(st.page.Pos(off), "only http, https, mailto and tel links are allowed", "link %q uses the scheme %q", dest, u.Scheme)
	}
}

// keyOf turns "content/sanda/renewal.md" into "sanda/renewal". The language
// is the linking page's, so links do not name it.
func keyOf(p string) (string, bool) {
	rel, ok := strings.CutPrefix(p, "content/")
	if !ok && p != "content" {
		return "", false
	}
	rel = strings.TrimSuffix(rel, ".md")
	if rel == "_index" {
		return "", true
	}
	return strings.TrimSuffix(rel, "/_index"), true
}

func blockStart(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}

// inlineStart returns the byte offset where an inline node starts in src:
// the "[" of a link, the "!" of an image, the "<" of an autolink.
func inlineStart(n ast.Node, src []byte) int {
	if al, ok := n.(*ast.AutoLink); ok {
		label := al.Label(src)
		if p := blockOf(n); p != nil {
			for i := 0; i < p.Lines().Len(); i++ {
				seg := p.Lines().At(i)
				if k := bytes.Index(src[seg.Start:seg.Stop], append([]byte("<"), label...)); k >= 0 {
					return seg.Start + k
				}
			}
		}
	}
	// The first text inside the element, then back over markup to "[".
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && off < 0 {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		i := off - 1
		for i >= 0 && src[i] != '[' && strings.IndexByte("*_`~ ", src[i]) >= 0 {
			i--
		}
		if i >= 0 && src[i] == '[' {
			if _, img := n.(*ast.Image); img && i > 0 && src[i-1] == '!' {
				return i - 1
			}
			return i
		}
		return off
	}
	if p := blockOf(n); p != nil && p.Lines().Len() > 0 {
		return p.Lines().At(0).Start
	}
	return 0
}

func blockOf(n ast.Node) ast.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			return p
		}
	}
	return nil
}

// ids generates heading IDs that keep Japanese: "## 手続きの場所" becomes
// id="手続きの場所", where goldmark's default would give "heading".
type ids struct {
	seen map[string]bool
	next map[string]int // for each id, the suffix it was last given: no id below it is free
}

func newIDs() *ids { return &ids{seen: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	// The text lowered rune by rune (as strings.ToLower does), letters and
	// digits kept, a dash for each run of spaces, dashes and underscores.
	b := make([]byte, 0, len(value)+3)
	dash := false
	for _, r := range string(value) { // ranging over the conversion copies nothing
		r = unicode.ToLower(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b = utf8.AppendRune(b, r)
			dash = false
		case (unicode.IsSpace(r) || r == '-' || r == '_') && len(b) > 0 && !dash:
			b = append(b, '-')
			dash = true
		}
	}
	b = bytes.TrimSuffix(b, []byte("-"))
	if len(b) == 0 {
		b = append(b, "section"...)
	}
	if !s.seen[string(b)] { // the id as written is free: most are
		s.seen[string(b)] = true
		return b
	}
	base := string(b)
	id := base
	i := max(s.next[base], 1)
	for s.seen[id] {
		id = base + "-" + strconv.Itoa(i)
		i++
	}
	s.next[base] = i - 1
	s.seen[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = true }
