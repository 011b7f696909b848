package site

import (
	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// The methods of the rules' own types that the default theme calls on
// nearly every page ({{if not .Note.IsZero}}, {{.Title.In $.Lang}}),
// called directly rather than through reflection, which allocated for
// each call (about 1 million calls in a national build). A field reached
// through a pointer is addressable, so the template calls the method on
// its address: both forms are registered.
func init() {
	gotext.RegisterMethods(
		gotext.M0(decide.Text.IsZero),
		gotext.M0((*decide.Text).IsZero),
		gotext.M1(decide.Text.In),
		gotext.M1((*decide.Text).In),
		gotext.M0(rules.Text.IsZero),
		gotext.M0((*rules.Text).IsZero),
		gotext.M1(rules.Text.In),
		gotext.M1((*rules.Text).In),
		gotext.M0(decide.Date.IsZero),
		gotext.M0((*decide.Date).IsZero),
		gotext.M0(rules.Schedule.Groups),
		gotext.M0((*rules.Schedule).Groups),
	)
}
