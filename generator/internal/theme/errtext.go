package theme

import (
	"regexp"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// templateDetail turns the detail of an error of Go's template packages into
// a message of the catalogue, so that staff reading Japanese read it in
// Japanese. The template packages do not export their formats, so their
// common messages are taken apart here; one not listed is kept as it is.
func templateDetail(msg string) diag.Text {
	if m := executing.FindStringSubmatch(msg); m != nil {
		return diag.T("at %s: %s", m[1], templateDetail(m[2]))
	}
	for _, p := range templateMessages {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			return p.text(m[1:])
		}
	}
	return diag.T("%s", msg)
}

// executing matches `executing "guide" at <.Foo>: detail`.
var executing = regexp.MustCompile(`(?s)^executing "[^"]*" at (<.*?>): (.*)$`)

var templateMessages = []struct {
	re   *regexp.Regexp
	text func(m []string) diag.Text
}{
	{regexp.MustCompile(`^function "([^"]*)" not defined$`), func(m []string) diag.Text { return diag.T("function %q not defined", m[0]) }},
	{regexp.MustCompile(`^unexpected EOF$`), func([]string) diag.Text { return diag.T("unexpected EOF") }},
	{regexp.MustCompile(`^unclosed action$`), func([]string) diag.Text { return diag.T("unclosed action") }},
	{regexp.MustCompile(`^unexpected (.+) in (.+)$`), func(m []string) diag.Text { return diag.T("unexpected %s in %s", m[0], m[1]) }},
	{regexp.MustCompile(`^undefined variable "([^"]*)"$`), func(m []string) diag.Text { return diag.T("undefined variable %q", m[0]) }},
	{regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$`), func(m []string) diag.Text { return diag.T("can't evaluate field %s in type %s", m[0], m[1]) }},
	{regexp.MustCompile(`^wrong number of args for (\S+): want (\d+) got (\d+)$`), func(m []string) diag.Text {
		return diag.T("wrong number of args for %s: want %s got %s", m[0], m[1], m[2])
	}},
	{regexp.MustCompile(`^no such template "([^"]*)"$`), func(m []string) diag.Text { return diag.T("no such template %q", m[0]) }},
	{regexp.MustCompile(`^(?s)error calling (\S+): (.*)$`), func(m []string) diag.Text { return diag.T("error calling %s: %s", m[0], m[1]) }},
}
