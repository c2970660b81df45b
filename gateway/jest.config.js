/** @type {import('jest').Config} */
module.exports = { ...require("../jest.preset.js"), rootDir: __dirname };
