// Placeholder: the editor's script (written by the editor-ui work).
"use strict";
