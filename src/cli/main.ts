console.log('promptops');
