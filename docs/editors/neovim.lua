-- orlint diagnostics on save, no plugin needed (Neovim 0.7+).
local ns = vim.api.nvim_create_namespace("orlint")

local function orlint(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then return end
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  -- The buffer goes through stdin, so unsaved changes are linted; the path picks the language,
  -- the config and the excludes.
  local output = vim.fn.system({ "orlint", "check", "--format", "json", "--stdin-filename", name, "-" },
    table.concat(lines, "\n") .. "\n")
  local ok, findings = pcall(vim.json.decode, output)
  if not ok or type(findings) ~= "table" then return end
  local items = {}
  for _, f in ipairs(findings) do
    -- orlint counts columns in characters; Neovim wants byte offsets.
    local function col(line, column)
      local text = lines[line] or ""
      local ok_index, byte = pcall(vim.str_byteindex, text, column - 1)
      return ok_index and byte or column - 1
    end
    table.insert(items, {
      lnum = f.line - 1,
      col = col(f.line, f.column),
      end_lnum = f.end_line - 1,
      end_col = col(f.end_line, f.end_column),
      severity = f.severity == "error" and vim.diagnostic.severity.ERROR or vim.diagnostic.severity.WARN,
      message = f.message,
      code = f.code,
      source = "orlint",
    })
  end
  vim.diagnostic.set(ns, bufnr, items)
end

vim.api.nvim_create_autocmd({ "BufReadPost", "BufWritePost" }, {
  pattern = { "*.py", "*.pyi", "*.js", "*.mjs", "*.cjs", "*.jsx", "*.ts", "*.mts", "*.cts", "*.tsx", "*.ipynb", ".env*" },
  callback = function(args) orlint(args.buf) end,
})
