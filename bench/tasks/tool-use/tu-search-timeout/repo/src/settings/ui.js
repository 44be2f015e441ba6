const ANIMATION_MS = 500;
module.exports = { ANIMATION_MS };
