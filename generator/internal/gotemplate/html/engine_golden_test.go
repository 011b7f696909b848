// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"os"
	"strings"
	"testing"
)

// TestBenchPage: the page of BenchmarkEngine renders as it did before
// Tebiki's fast paths of the engine (testdata/benchpage.html was written
// by the engine of commit 95dbf0c; UPDATE_BENCHPAGE=1 writes it again).
func TestBenchPage(t *testing.T) {
	tmpl, v := benchTemplate(t)
	var got strings.Builder
	if err := tmpl.ExecuteTemplate(&got, "page", v); err != nil {
		t.Fatal(err)
	}
	const file = "testdata/benchpage.html"
	if os.Getenv("UPDATE_BENCHPAGE") != "" {
		if err := os.WriteFile(file, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if benchPageWant := string(want); got.String() != benchPageWant {
		t.Errorf("got\n%s\nwant\n%s", got.String(), benchPageWant)
	}
}
