/*
 * rulebc.c - precompile the bundled rule files for the assess binary.
 *
 *   rulebc OUT.c [FILE...]
 *
 * Each FILE (a path relative to the data directory, such as
 * rules/lib/stats.lua, which is also the name the engine shows for it)
 * is compiled by the Lua library this tool is linked with and written
 * into OUT.c as its source text and its bytecode, with debug information
 * kept so that errors name the same file and line.  OUT.c defines
 * precompiled_find() (precompiled.h).  The engine loads a chunk from
 * there only when a rule file's text is byte for byte the text it was
 * compiled from; the Makefile gives files only when Lua is linked into
 * the binary statically, so the Lua that loads the bytecode is the one
 * that wrote it.  With no FILE, the table is empty.
 *
 * A build tool: it prints and exits, unlike the engine's modules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#define FILE_MAX	(4L << 20)

struct bytes {
	unsigned char	*p;
	size_t		 n, cap;
};

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "rulebc: %s: %s\n", what, detail);
	exit(1);
}

static void
add(struct bytes *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (cap < b->n + n)
			cap *= 2;
		if ((b->p = realloc(b->p, cap)) == NULL)
			die("out of memory", "growing a buffer");
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void
slurp(const char *path, struct bytes *b)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		die(path, "cannot open");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		add(b, chunk, n);
		if ((long)b->n > FILE_MAX)
			die(path, "too large for a rule file");
	}
	if (ferror(f))
		die(path, "cannot read");
	fclose(f);
}

static int
writer(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	add(ud, p, n);
	return 0;
}

static void
array(FILE *out, const char *name, size_t k, const struct bytes *b)
{
	size_t i;

	fprintf(out, "static const unsigned char %s%zu[] = {", name, k);
	for (i = 0; i < b->n; i++)
		fprintf(out, "%s%u,", i % 16 ? "" : "\n\t", b->p[i]);
	fprintf(out, "\n\t0\n};\n\n");
}

int
main(int argc, char **argv)
{
	lua_State *L = luaL_newstate();
	FILE *out;
	int k;

	if (argc < 2)
		die("usage", "rulebc OUT.c [FILE...]");
	if (L == NULL)
		die("lua", "cannot create a state");
	if ((out = fopen(argv[1], "w")) == NULL)
		die(argv[1], "cannot write");
	fprintf(out, "/* Made by assess/gen/rulebc.c: do not edit. */\n"
	    "#include <string.h>\n\n#include \"precompiled.h\"\n\n");
	for (k = 2; k < argc; k++) {
		struct bytes src = { NULL, 0, 0 }, code = { NULL, 0, 0 };

		if (strspn(argv[k], "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-") !=
		    strlen(argv[k]))
			die(argv[k], "a name for a C string must be plain");
		slurp(argv[k], &src);
		lua_pushfstring(L, "@%s", argv[k]);
		if (luaL_loadbufferx(L, (const char *)src.p, src.n,
		    lua_tostring(L, -1), "t") != LUA_OK)
			die(argv[k], lua_tostring(L, -1));
		if (lua_dump(L, writer, &code, 0) != 0)
			die(argv[k], "cannot dump the compiled chunk");
		lua_pop(L, 2);
		array(out, "src", (size_t)k, &src);
		array(out, "code", (size_t)k, &code);
		free(src.p);
		free(code.p);
	}
	fprintf(out, "static const struct precompiled chunks[] = {\n");
	for (k = 2; k < argc; k++)
		fprintf(out, "\t{ \"%s\", src%d, sizeof(src%d) - 1, code%d, "
		    "sizeof(code%d) - 1 },\n", argv[k], k, k, k, k);
	fprintf(out, "\t{ NULL, NULL, 0, NULL, 0 }\n};\n\n"
	    "const struct precompiled *\n"
	    "precompiled_find(const char *name, const char *src, size_t len)\n"
	    "{\n"
	    "\tconst struct precompiled *c;\n\n"
	    "\tfor (c = chunks; c->name != NULL; c++)\n"
	    "\t\tif (strcmp(c->name, name) == 0 && c->srclen == len &&\n"
	    "\t\t    memcmp(c->src, src, len) == 0)\n"
	    "\t\t\treturn c;\n"
	    "\treturn NULL;\n"
	    "}\n");
	if (fclose(out) != 0)
		die(argv[1], "cannot write");
	lua_close(L);
	return 0;
}
