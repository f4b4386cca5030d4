package main

import (
	"errors"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// goOnly are settings the libraries name in errors that no flag sets.
var goOnly = map[string]bool{"kan.Config.GridRange": true, "kan.Config.GridEps": true, "kan.Config.Symbolic": true}

// TestEveryNamedFieldHasAFlag reads the libraries' sources: every setting
// they name as "package.Type.Field" in a string has a flag in flagOf (or
// is Go-only), so no error reaches a user in Go's vocabulary.
func TestEveryNamedFieldHasAFlag(t *testing.T) {
	field := regexp.MustCompile(`\b(?:kan|mlp|model|pipeline|symreg|report)\.[A-Z]\w*\.[A-Z]\w*`)
	seen := 0
	for _, dir := range []string{"model", "pipeline", "symreg", "report"} {
		err := filepath.WalkDir(filepath.Join("..", "..", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, lit := range stringLiterals(src) {
				for _, f := range field.FindAllString(lit, -1) {
					seen++
					if flagOf[f] == "" && !goOnly[f] {
						t.Errorf("%s names %s, which has no flag in flagOf", path, f)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if seen < 30 {
		t.Fatalf("found only %d named settings: is the pattern still right?", seen)
	}
}

// stringLiterals are the string literals of a Go source file.
func stringLiterals(src []byte) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), src, nil, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			return out
		case token.STRING:
			out = append(out, lit)
		}
	}
}

// TestUserMessageNamesFlags: a library error naming settings, even
// wrapped, reaches the user with the flags instead.
func TestUserMessageNamesFlags(t *testing.T) {
	err := inputerr.Field("pipeline.Config.SearchTime", "the search needs a limit: a time, or pipeline.Config.Iterations")
	got := userMessage(errors.Join(errors.New("discover"), err))
	if want := "discover\n--time: the search needs a limit: a time, or --iterations"; got != want {
		t.Errorf("userMessage = %q, want %q", got, want)
	}
	for f := range flagOf {
		for g := range flagOf {
			if f != g && strings.HasPrefix(g, f) && g[len(f)] != '.' {
				t.Errorf("field %s is a prefix of %s", f, g)
			}
		}
	}
}
