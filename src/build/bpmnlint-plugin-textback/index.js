module.exports = {
  configs: {
    recommended: {
      rules: {
        'delegate-template': 'error'
      }
    }
  }
};
