-- Shared by the Neovim tests: reporting, and a buffer attached to the derivcheck server with
-- every diagnostics notification recorded. Loaded with dofile from the scripts beside it.

local M = { passed = 0 }

function M.say(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

function M.pass(msg)
  M.passed = M.passed + 1
  M.say(msg)
end

function M.fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  io.stderr:flush()
  M.say(M.passed .. ' passed, 1 failed')
  vim.cmd('cq 1')
end

--- Opens `file` with `filetype` and attaches the server (`node server --stdio`) to it. Returns
--- the buffer, the client id, the buffer's URI and `latest()` (its newest diagnostics
--- notification, or nil); nil when the client could not start.
function M.open(server, file, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetype

  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'derivcheck',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        published[#published + 1] = result
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  if not client_id then return nil end
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)

  local function latest()
    for i = #published, 1, -1 do
      if published[i].uri == uri then return published[i] end
    end
  end

  return buf, client_id, uri, latest
end

return M
