// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

type addrRcvr struct{}

type addrText struct{ A, B string }

// Name writes a text, given as a value or its address.
func (*addrRcvr) Name(x any) string {
	switch x := x.(type) {
	case addrText:
		return "v" + x.A
	case *addrText:
		return "p" + x.A
	}
	return fmt.Sprintf("other %T", x)
}

func init() { RegisterMethods(M1Addr((*addrRcvr).Name)) }

// TestM1AddrHandsOverAddresses: an addressable argument is given as its
// address, without an allocation; one that is not, as its value.
func TestM1AddrHandsOverAddresses(t *testing.T) {
	type data struct {
		R *addrRcvr
		T addrText
		M map[string]addrText
		S []addrText
	}
	d := &data{R: &addrRcvr{}, T: addrText{A: "t"}, M: map[string]addrText{"k": {A: "m"}}, S: []addrText{{A: "s"}}}
	var out strings.Builder
	tmpl := Must(New("t").Parse(`{{.R.Name .T}} {{.R.Name (index .M "k")}} {{range .S}}{{$.R.Name .}}{{end}} {{.R.Name 1}} {{.R.Name nil}}`))
	if err := tmpl.Execute(&out, d); err != nil {
		t.Fatal(err)
	}
	if want := "pt vm ps other int other <nil>"; out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
	tmpl = Must(New("t").Parse(`{{range 100}}{{$.R.Name $.T}}{{end}}`))
	empty := Must(New("t").Parse(`{{range 100}}{{end}}`))
	allocs := testing.AllocsPerRun(20, func() { tmpl.Execute(io.Discard, d) })
	base := testing.AllocsPerRun(20, func() { empty.Execute(io.Discard, d) })
	// The results' strings (100 of them) take an allocation each here.
	if allocs > base+100+2 {
		t.Errorf("100 calls allocated %v times", allocs-base)
	}
}
