FROM node:22-slim
RUN npm install -g git+https://github.com/example/tool.git#v1.0.0
USER node
